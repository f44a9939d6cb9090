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

/**
 * A drum groove from 16-step lanes (x loud, o soft): a decaying 60 Hz kick, a noise snare and a
 * short soft noise hat, so the kick and snare carry the beat and the hats subdivide it.
 */
function groove(bpm: number, bars: number, lanes: { kick: string; snare: string; hat: string }): Float32Array {
  const stepSamples = (60 / bpm / 4) * TEST_RATE;
  const out = new Float32Array(Math.round(bars * 16 * stepSamples));
  const noise = whiteNoise(out.length, 1, 11);
  const hit = (start: number, level: number, decaySeconds: number, tone: (i: number) => number): void => {
    for (let i = 0; i < 0.3 * TEST_RATE && start + i < out.length; i++) out[start + i] += level * tone(i) * Math.exp(-i / (decaySeconds * TEST_RATE));
  };
  for (let step = 0; step < bars * 16; step++) {
    const start = Math.round(step * stepSamples);
    const level = (lane: string): number => ({ x: 1, o: 0.5 })[lane[step % 16]] ?? 0;
    if (level(lanes.kick)) hit(start, 0.8 * level(lanes.kick), 0.08, (i) => Math.sin((2 * Math.PI * 60 * i) / TEST_RATE));
    if (level(lanes.snare)) hit(start, 0.6 * level(lanes.snare), 0.05, (i) => noise[(start + i) % noise.length]);
    if (level(lanes.hat)) hit(start, 0.3 * level(lanes.hat), 0.02, (i) => noise[(start + 7 * i) % noise.length]);
  }
  return out;
}

describe('tempo octave on synthetic grooves', () => {
  it('reads a hip hop beat with eighth-note hats at 87, not 174', () => {
    const loop = groove(87, 2, { kick: 'x......o..x.....', snare: '....x.......x...', hat: 'o.o.o.o.o.o.o.o.' });
    expect(Math.abs(analyse(loop, TEST_RATE).descriptors.tempo - 87)).toBeLessThan(2);
  });

  it('reads a half-time trap beat with sixteenth-note hats at 145, not 72.5', () => {
    const loop = groove(145, 2, { kick: 'x......x..x.....', snare: '........x.......', hat: 'ooooo.ooooooo.oo' });
    expect(Math.abs(analyse(loop, TEST_RATE).descriptors.tempo - 145)).toBeLessThan(3);
  });

  it('reads a one-bar 174 BPM drum & bass loop at 174, not as two beats of 87', () => {
    const loop = groove(174, 1, { kick: 'x.........x.....', snare: '....x.......x...', hat: 'o.o.o.o.o.o.o.o.' });
    expect(Math.abs(analyse(loop, TEST_RATE).descriptors.tempo - 174)).toBeLessThan(3);
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
