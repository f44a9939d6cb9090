import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { corpusEntries, repoRoot } from '../../../test/corpus.js';
import { decodeAudio, DecodeError } from '../decode/index.js';
import { encodeWav } from '../decode/testing/write-pcm.js';
import { fixtureBytes, readBytes } from '../decode/testing/read-bytes.js';
import { concatBytes, noiseBytes } from '../decode/testing/synthetic-bytes.js';
import { threadedDecode } from './decode-thread.js';
import { WorkerPool } from './worker-pool.js';
import { analyseBytes } from './analyse-bytes.js';
import { findResourcesDir, loadAnalysisResources } from './analysis-resources.js';
import type { AnalysisWorkerData, AnalysisWorkerMethods } from './analysis-worker.js';

const standIn = join(repoRoot, 'test', 'fixtures', 'decode-thread-worker.mjs');
const flac = fixtureBytes('sox-s24-96k-stereo.flac');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function standInDecode(timeoutMs?: number) {
  const threaded = threadedDecode(standIn, null, timeoutMs);
  closers.push(threaded.close);
  return threaded.decode;
}

async function reasonOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DecodeError);
  return (error as DecodeError).message;
}

describe('threadedDecode', () => {
  it('hands FLAC, Ogg and MP3 to the decode thread and decodes PCM and non-audio in this one', async () => {
    const decode = standInDecode();
    expect(await decode(flac, 'a.flac')).toMatchObject({ reachedDecodeThread: true });
    expect(await decode(fixtureBytes('sox-vorbis-22k-mono.ogg'), 'a.ogg')).toMatchObject({ reachedDecodeThread: true });
    const wav = encodeWav({ channels: [new Float32Array(4410).fill(0.25)], sampleRate: 44_100, format: 'pcm16' });
    expect(await decode(wav, 'a.wav')).toEqual(await decodeAudio(wav, 'a.wav'));
    expect(await reasonOf(decode(new TextEncoder().encode('not audio at all'), 'a.txt'))).toBe(await reasonOf(decodeAudio(new TextEncoder().encode('not audio at all'), 'a.txt')));
  });

  it("passes on the decoder's reason, and a crashed or hung decode thread fails only its own file", async () => {
    const decode = standInDecode(1000);
    expect(await reasonOf(decode(flac, 'fail.flac'))).toBe('FLAC data could not be decoded: a reason');
    expect(await reasonOf(decode(flac, 'crash.flac'))).toMatch(/^decode thread (crashed|exited)/);
    expect(await decode(flac, 'next.flac')).toMatchObject({ reachedDecodeThread: true });
    expect(await reasonOf(decode(flac, 'hang.flac'))).toBe('decoding took longer than 1 s and was stopped');
    expect(await decode(flac, 'after.flac')).toMatchObject({ reachedDecodeThread: true });
  });
});

describe('an analysis worker with its decode thread', () => {
  const script = join(repoRoot, 'out', 'node', 'analysis-worker.js');

  it('analyses compressed files, and says why damaged ones fail, exactly as decoding in one thread does', async () => {
    expect(existsSync(script), 'analysis worker not built: run `npm run build:node`').toBe(true);
    const resourcesDir = findResourcesDir();
    const pool = new WorkerPool<AnalysisWorkerMethods>({ script, workerData: { resourcesDir } satisfies AnalysisWorkerData, size: 1 });
    closers.push(() => pool.close());
    const resources = loadAnalysisResources(resourcesDir);
    const entries = corpusEntries();
    const files = [entries.find((entry) => entry.path.endsWith('.flac'))!, entries.find((entry) => entry.path.endsWith('.ogg'))!].map((entry) => ({
      name: basename(entry.path),
      bytes: readBytes(entry.path),
    }));
    const cases = [
      ...files,
      ...files.map(({ name, bytes }) => ({ name: `truncated ${name}`, bytes: bytes.subarray(0, Math.floor(bytes.length * 0.6)) })),
      { name: 'noise.flac', bytes: concatBytes(new TextEncoder().encode('fLaC'), noiseBytes(3000)) },
      { name: 'noise.ogg', bytes: concatBytes(new TextEncoder().encode('OggS'), noiseBytes(3000)) },
      { name: 'noise.mp3', bytes: noiseBytes(100_000, 7) },
    ];
    const settle = (work: Promise<unknown>) =>
      work.then(
        (result) => ({ result }),
        (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
      );
    for (const { name, bytes } of cases) {
      const inWorker = await settle(pool.call('analyseBytes', [bytes.slice(), name]));
      const inThisThread = await settle(analyseBytes(bytes.slice(), name, resources));
      expect({ name, ...inWorker }).toEqual({ name, ...inThisThread });
    }
  });
});
