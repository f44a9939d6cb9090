// Accuracy of bpm, key and note on the HELD-OUT FluidR3 renders (scripts/testsets/musical.ts; the
// estimators are tuned on the separate TimGM6mb/OPL-3/sf_GMbank tuning set, never on this one):
// every second file of the plan, rendered once into .cache/ and reused. Thresholds sit below what
// was measured, so a regression fails and subset noise does not.
// Needs fluidsynth and FluidR3_GM (Debian/Ubuntu packages fluidsynth and fluid-soundfont-gm).
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateMusical } from '../../src-main/core/models/musical-evaluation.js';
import { analyseTestFile, rowOf, type AnalysedTestFile } from '../../scripts/testsets/evaluate-musical.js';
import { renderMusicalTestset, type TestKind } from '../../scripts/testsets/musical.js';

// Held-out FluidR3 (test set v2, half the progressions start off the tonic; drums swing and fill),
// whole set: notes 137/144 (0.951), tempo 146/160 (0.913), keys 58/72 (0.806).
const NOTE_ACCURACY = 0.9;
const TEMPO_ACCURACY = 0.85;
const KEY_ACCURACY = 0.7;

const analysed: AnalysedTestFile[] = [];
const ofKind = (...kinds: TestKind[]) => analysed.filter((item) => kinds.includes(item.file.kind)).map(rowOf);

beforeAll(async () => {
  const files = renderMusicalTestset({ every: 2 });
  for (const file of files) analysed.push(await analyseTestFile(file));
});

describe('musical fields on rendered FluidR3 material', () => {
  it('names the root note of pitched one-shots, octave included', () => {
    const { note } = evaluateMusical(ofKind('note'));
    expect(note.total).toBeGreaterThanOrEqual(60);
    expect(note.accuracy).toBeGreaterThanOrEqual(NOTE_ACCURACY);
  });

  it('gives drum hits no note', () => {
    const { note } = evaluateMusical(ofKind('unpitched'));
    expect(note.spurious).toBeLessThanOrEqual(1);
  });

  it('reads loop tempi within 4%, with few octave errors', () => {
    const { tempo } = evaluateMusical(ofKind('drum-loop', 'tonal-loop'));
    expect(tempo.total).toBeGreaterThanOrEqual(70);
    expect(tempo.accuracy).toBeGreaterThanOrEqual(TEMPO_ACCURACY);
  });

  it('finds the key of tonal loops and none in drum loops', () => {
    const tonal = evaluateMusical(ofKind('tonal-loop')).key;
    expect(tonal.total).toBeGreaterThanOrEqual(30);
    expect(tonal.accuracy).toBeGreaterThanOrEqual(KEY_ACCURACY);
    expect(evaluateMusical(ofKind('drum-loop')).key.spurious).toBe(0);
  });
});
