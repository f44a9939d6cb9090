import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, perClassMetrics, precisionAtK } from './evaluation.js';

// Four unit vectors in 2-D: two near the x axis (kicks), two near the y axis (hats).
const s = Math.SQRT1_2;
const vectors = [
  [1, 0],
  [0.9950, 0.0998],
  [0, 1],
  [s, s],
];
const labels = ['kick', 'kick', 'hat', 'hat'];
const packs = ['a', 'b', 'a', 'b'];

describe('precisionAtK', () => {
  it('counts same-label neighbours, never the query itself', () => {
    const result = precisionAtK(vectors, labels, { k: 1 });
    // kick0→kick1 ✓, kick1→kick0 ✓ (0.995 > 0.774), hat2→hat3 ✓ (0.707 > 0.0998), hat3→kick1 ✗ (0.774 > 0.707)
    expect(result.precision).toBeCloseTo(3 / 4);
    expect(result.byLabel.kick.precision).toBe(1);
    expect(result.byLabel.hat.precision).toBe(0.5);
  });

  it('skips neighbours from the query’s own pack when asked', () => {
    const result = precisionAtK(vectors, labels, { k: 1, groups: packs, excludeSameGroup: true });
    // kick0(a)→best of {kick1, hat3} = kick1 ✓; kick1(b)→best of {kick0, hat2} = kick0 ✓;
    // hat2(a)→best of {kick1, hat3} = hat3 ✓ (0.707 > 0.0998); hat3(b)→best of {kick0, hat2} = tie 0.707, first kept = kick0 ✗
    expect(result.precision).toBeCloseTo(3 / 4);
  });

  it('averages over k and over the chosen queries only', () => {
    const result = precisionAtK(vectors, labels, { k: 2, queryIndices: [0] });
    // kick0's two nearest: kick1 (0.995), hat3 (0.707) → 1/2
    expect(result.precision).toBe(0.5);
    expect(result.queries).toBe(1);
  });
});

describe('confusion matrix and per-class metrics', () => {
  const actual = ['kick', 'kick', 'kick', 'snare', 'snare', 'hat'];
  const predicted = ['kick', 'kick', 'snare', 'snare', 'kick', 'hat'];
  const classes = ['kick', 'snare', 'hat'];

  it('counts actual × predicted', () => {
    expect(confusionMatrix(actual, predicted, classes)).toEqual([
      [2, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('derives precision, recall and F1 per class', () => {
    const [kick, snare, hat] = perClassMetrics(confusionMatrix(actual, predicted, classes), classes);
    expect(kick).toMatchObject({ label: 'kick', support: 3 });
    expect(kick.precision).toBeCloseTo(2 / 3);
    expect(kick.recall).toBeCloseTo(2 / 3);
    expect(kick.f1).toBeCloseTo(2 / 3);
    expect(snare.precision).toBeCloseTo(1 / 2);
    expect(snare.recall).toBeCloseTo(1 / 2);
    expect(hat).toMatchObject({ precision: 1, recall: 1, f1: 1, support: 1 });
  });

  it('gives 0, not NaN, for a class never predicted', () => {
    const [, never] = perClassMetrics(confusionMatrix(['a', 'b'], ['a', 'a'], ['a', 'b']), ['a', 'b']);
    expect(never).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1 });
  });

  it('computes accuracy overall and over a subset of classes', () => {
    expect(accuracy(actual, predicted)).toBeCloseTo(4 / 6);
    expect(accuracy(actual, predicted, ['snare', 'hat'])).toBeCloseTo(2 / 3);
  });
});
