import { describe, expect, it } from 'vitest';
import { DecodedAudioCache, decodedBytes, type SizedBuffer } from './decoded-audio-cache.js';

/** A mono buffer of `frames` frames: frames × 4 bytes decoded. */
const mono = (frames: number): SizedBuffer => ({ length: frames, numberOfChannels: 1 });

/** A loader whose loads finish only when the test says so, recording what was asked. */
function controlledLoader(sizes: Record<number, number | 'fail'>) {
  const asked: number[] = [];
  const pending = new Map<number, () => void>();
  const load = (id: number): Promise<SizedBuffer> => {
    asked.push(id);
    return new Promise((resolve, reject) => {
      pending.set(id, () => (sizes[id] === 'fail' ? reject(new Error('cannot decode')) : resolve(mono(sizes[id] as number))));
    });
  };
  const finish = async (...ids: number[]): Promise<void> => {
    for (const id of ids) {
      pending.get(id)?.();
      pending.delete(id);
    }
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { load, asked, finish };
}

const OPTIONS = { maxBytes: 4000, maxBufferBytes: 2000, concurrency: 2 };

describe('DecodedAudioCache', () => {
  it('sizes decoded PCM as float32 per channel per frame', () => {
    expect(decodedBytes({ length: 44_100, numberOfChannels: 2 })).toBe(352_800);
  });

  it('loads the most wanted first, a few at a time, each once', async () => {
    const { load, asked, finish } = controlledLoader({ 1: 100, 2: 100, 3: 100 });
    const cache = new DecodedAudioCache(load, OPTIONS);
    cache.prefetch([1, 2, 3, 2]);
    cache.prefetch([1, 2, 3]);
    expect(asked).toEqual([1, 2]);
    await finish(1);
    expect(asked).toEqual([1, 2, 3]);
    await finish(2, 3);
    expect(cache.cachedIds()).toEqual([1, 2, 3]);
    expect(cache.totalBytes).toBe(1200);
    cache.prefetch([1, 2, 3]);
    expect(asked).toHaveLength(3);
  });

  it('evicts the least recently used past the byte budget; a get counts as a use', async () => {
    const { load, finish } = controlledLoader({ 1: 400, 2: 400, 3: 400, 4: 200 });
    const cache = new DecodedAudioCache(load, OPTIONS);
    cache.prefetch([1, 2]);
    await finish(1, 2);
    expect(cache.get(1)).toEqual(mono(400));
    cache.prefetch([3, 4]);
    await finish(3, 4);
    // 1600 + 1600 + 1600 + 800 bytes > 4000: sample 2, used longest ago, went.
    expect(cache.cachedIds()).toEqual([1, 3, 4]);
    expect(cache.totalBytes).toBe(4000);
    expect(cache.get(2)).toBeUndefined();
  });

  it('keeps no buffer over the per-sample limit and never retries a sample that failed', async () => {
    const { load, asked, finish } = controlledLoader({ 1: 1000, 2: 'fail' });
    const cache = new DecodedAudioCache(load, OPTIONS);
    cache.prefetch([1, 2]);
    await finish(1, 2);
    expect(cache.cachedIds()).toEqual([]);
    cache.prefetch([2]);
    expect(asked).toEqual([1, 2]);
  });

  it('a new prefetch replaces the waiting queue, not the loads under way', async () => {
    const { load, asked, finish } = controlledLoader({ 1: 10, 2: 10, 3: 10, 7: 10, 8: 10 });
    const cache = new DecodedAudioCache(load, OPTIONS);
    cache.prefetch([1, 2, 3]);
    cache.prefetch([7, 8]);
    await finish(1, 2);
    expect(asked).toEqual([1, 2, 7, 8]);
    await finish(7, 8);
    expect(cache.cachedIds()).toEqual([1, 2, 7, 8]);
  });

  it('tells listeners when the cached set changes', async () => {
    const { load, finish } = controlledLoader({ 1: 10 });
    const cache = new DecodedAudioCache(load, OPTIONS);
    let changes = 0;
    const dispose = cache.onChange(() => changes++);
    cache.prefetch([1]);
    await finish(1);
    cache.clear();
    dispose();
    expect(changes).toBe(2);
  });
});
