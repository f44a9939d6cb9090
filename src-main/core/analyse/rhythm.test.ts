import { describe, expect, it } from 'vitest';
import { analyse } from './index.js';
import { corpusEntry, decodeCorpusFile } from './testing/corpus-audio.js';
import { corpusEntries } from '../../../test/corpus.js';
import { clickTrack, sine, TEST_RATE, whiteNoise, shape } from './testing/signals.js';

describe('tempo on synthetic click tracks', () => {
  it.each([85, 120, 140, 174])('reads a %i BPM click track within 1 BPM, not an octave off', (bpm) => {
    const { descriptors } = analyse(clickTrack(bpm, 8), TEST_RATE);
    expect(Math.abs(descriptors.tempo - bpm)).toBeLessThan(1);
    expect(descriptors.pulse_clarity).toBeGreaterThan(0.5);
    expect(descriptors.onset_rate).toBeCloseTo(bpm / 60, 0);
  });

  it('folds 60 and 200 BPM into the 70–180 range', () => {
    expect(analyse(clickTrack(60, 8), TEST_RATE).descriptors.tempo).toBeCloseTo(120, 0);
    expect(analyse(clickTrack(200, 8), TEST_RATE).descriptors.tempo).toBeCloseTo(100, 0);
  });

  it('reports 0 for sounds with no periodic pulse', () => {
    const hit = shape(whiteNoise(TEST_RATE), (t) => Math.exp(-t / 0.05));
    expect(analyse(hit, TEST_RATE).descriptors.tempo).toBe(0);
    expect(analyse(sine(220, 3), TEST_RATE).descriptors.tempo).toBe(0);
    expect(analyse(hit, TEST_RATE).descriptors.pulse_clarity).toBeLessThan(0.2);
  });
});

describe('tempo on real corpus loops', () => {
  // Expected values: the loop's length holds a whole number of beats at these tempi.
  it.each([
    ['loop_amen', 137],
    ['loop_amen_full', 140],
    ['loop_breakbeat', 126],
    ['loop_garzul', 120],
    ['electro_beat01', 120],
    ['909beat01', 121],
    ['rave_kick01', 180],
  ])('%s reads about %i BPM', async (detail, bpm) => {
    const { descriptors } = analyse(await decodeCorpusFile(corpusEntry(detail).path), TEST_RATE);
    expect(Math.abs(descriptors.tempo - bpm)).toBeLessThan(3);
  });

  it('finds a pulse in most drum loops and none in most one-shot kicks', async () => {
    const entries = corpusEntries();
    const beats = entries.filter((entry) => entry.source === 'lmms:beats');
    const kicks = entries.filter((entry) => entry.category === 'kick').slice(0, 10);
    let loopsWithTempo = 0;
    for (const entry of beats) if (analyse(await decodeCorpusFile(entry.path), TEST_RATE).descriptors.tempo > 0) loopsWithTempo++;
    let kicksWithTempo = 0;
    for (const entry of kicks) if (analyse(await decodeCorpusFile(entry.path), TEST_RATE).descriptors.tempo > 0) kicksWithTempo++;
    expect(loopsWithTempo).toBeGreaterThanOrEqual(beats.length - 1);
    expect(kicksWithTempo).toBeLessThanOrEqual(1);
  });
});
