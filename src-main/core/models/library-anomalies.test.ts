import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src-shared/seeded-random.js';
import { libraryAnomalies, soundFingerprint, type AnomalyInputRow } from './library-anomalies.js';

function cluster(count: number, dimension: number): AnomalyInputRow[] {
  const uniform = createRandom(3);
  const random = (): number => uniform() * 2 - 1;
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    embedding: Float32Array.from({ length: dimension }, (_, d) => (d === 0 ? 1 : 0) + 0.05 * random()),
    audioHash: `hash-${i}`,
    fingerprint: null,
    fileReasons: [],
  }));
}

const descriptorsWith = (duration: number, shape: (band: number) => number): Record<string, number> =>
  Object.fromEntries([['duration', duration], ...Array.from({ length: 40 }, (_, b) => [`log_mel_mean_${b}`, shape(b)])]);

describe('libraryAnomalies', () => {
  it('flags the odd one out and leaves an ordinary cluster alone, the same way every run', () => {
    const rows = cluster(300, 8);
    rows.push({ id: 999, embedding: Float32Array.from({ length: 8 }, (_, d) => (d === 7 ? 1 : 0)), audioHash: 'odd', fingerprint: null, fileReasons: [] });
    const verdicts = libraryAnomalies(rows);
    const odd = verdicts.find((v) => v.id === 999)!;
    expect(odd.reasons).toContain('outlier');
    expect(odd.score!).toBeGreaterThan(0.65);
    const flaggedOrdinary = verdicts.filter((v) => v.id !== 999 && v.reasons.includes('outlier')).length;
    expect(flaggedOrdinary / 300).toBeLessThan(0.03);
    expect(libraryAnomalies(rows).map((v) => v.score)).toEqual(verdicts.map((v) => v.score));
  });

  it('marks exact duplicates by decoded-audio hash and near-duplicates at another gain, keeping file reasons', () => {
    const kick = descriptorsWith(0.5, (b) => -20 - b);
    const louderKick = descriptorsWith(0.5, (b) => -14 - b);
    const snare = descriptorsWith(0.5, (b) => -40 + b);
    const rows: AnomalyInputRow[] = [
      { id: 1, embedding: null, audioHash: 'same', fingerprint: soundFingerprint(kick), fileReasons: ['clipped'] },
      { id: 2, embedding: null, audioHash: 'same', fingerprint: soundFingerprint(kick), fileReasons: [] },
      { id: 3, embedding: null, audioHash: 'other', fingerprint: soundFingerprint(louderKick), fileReasons: [] },
      { id: 4, embedding: null, audioHash: 'snare', fingerprint: soundFingerprint(snare), fileReasons: [] },
    ];
    const verdicts = libraryAnomalies(rows);
    expect(verdicts.map((v) => v.reasons)).toEqual([['clipped', 'duplicate'], ['duplicate'], ['duplicate'], []]);
    expect(verdicts.every((v) => v.score === null)).toBe(true);
  });
});
