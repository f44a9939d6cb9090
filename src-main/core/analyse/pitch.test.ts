import { describe, expect, it } from 'vitest';
import { frequencyToMidi, midiToNoteName } from '../../../src-shared/music.js';
import { analyse } from './index.js';
import { estimatePitch } from './pitch.js';
import { decodeCorpusFile } from './testing/corpus-audio.js';
import { corpusEntries } from '../../../test/corpus.js';
import { saw, sine, TEST_RATE, whiteNoise } from './testing/signals.js';

describe('f0 on synthetic tones', () => {
  it.each([
    ['110 Hz saw', saw(110, 1), 110],
    ['41.2 Hz saw (E1)', saw(41.2, 1), 41.2],
    ['440 Hz sine', sine(440, 0.5), 440],
    ['1318.5 Hz sine (E6)', sine(1318.5, 0.5), 1318.5],
  ])('%s', (_name, signal, hz) => {
    const pitch = estimatePitch(signal, TEST_RATE, 0, signal.length);
    expect(Math.abs(1200 * Math.log2(pitch.f0Hz / hz))).toBeLessThan(10);
    expect(pitch.confidence).toBeGreaterThan(0.9);
  });

  it('finds no pitch in noise, silence or DC', () => {
    for (const signal of [whiteNoise(TEST_RATE), new Float32Array(TEST_RATE), new Float32Array(TEST_RATE).fill(0.5)]) {
      const { descriptors } = analyse(signal, TEST_RATE);
      expect(descriptors.f0_hz).toBe(0);
      expect(descriptors.f0_confidence).toBe(0);
    }
    expect(analyse(whiteNoise(TEST_RATE), TEST_RATE).descriptors.harmonicity).toBeLessThan(0.5);
  });

  it('needs ~80 ms of audio and says 0/0 below that', () => {
    expect(estimatePitch(saw(110, 0.05), TEST_RATE, 0, 2000)).toEqual({ f0Hz: 0, confidence: 0, harmonicity: 0, spreadCents: 0 });
  });
});

describe('f0 on real bass notes', () => {
  it('names the sonic-pi bass_*_c notes C whenever it is confident', async () => {
    // bass_drop_c glides down in pitch, so it has no single note to find.
    const notes = corpusEntries().filter((entry) => /^bass_.*_c$/.test(entry.detail) && entry.detail !== 'bass_drop_c');
    let confident = 0;
    for (const entry of notes) {
      const { descriptors } = analyse(await decodeCorpusFile(entry.path), TEST_RATE);
      if (descriptors.f0_confidence < 0.5) continue;
      confident++;
      expect(midiToNoteName(frequencyToMidi(descriptors.f0_hz)).replace(/-?\d+$/, ''), entry.detail).toBe('C');
    }
    expect(confident).toBeGreaterThanOrEqual(notes.length - 1);
  });
});
