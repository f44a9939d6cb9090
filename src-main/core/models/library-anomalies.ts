// Anomalies that only show across the whole library: exact duplicates (same decoded audio in
// another file), near-duplicates (same sound re-encoded or re-saved) and odd ones out (an
// isolation forest over the embeddings). Pure: rows in, verdicts out.
import { IsolationForest } from 'ml-isolation-forest';
import { createRandom } from '../../../src-shared/seeded-random.js';

export interface AnomalyInputRow {
  id: number;
  embedding: Float32Array | null;
  audioHash: string | null;
  /** A compact description of the sound (duration + spectral shape) for near-duplicate matching. */
  fingerprint: Float64Array | null;
  /** Reasons found on the file alone (silent, clipped, corrupt...). */
  fileReasons: string[];
}

export interface AnomalyVerdict {
  id: number;
  score: number | null;
  reasons: string[];
}

/** Isolation-forest scores at or above this mark an odd one out (0.5 is ordinary; see the paper). */
export const OUTLIER_SCORE = 0.65;
/** Too few samples make every one of them look odd: no outlier verdicts below this. */
const MIN_SAMPLES_FOR_OUTLIERS = 50;
/** Trees see a subsample, as Liu et al. recommend; it also bounds training time at any library size. */
const SUBSAMPLE = 2048;
const TREES = 100;
/** Fingerprints closer than this (RMS difference of the gain-normalised mel spectrum, in units of 10 dB) are the same sound. */
const NEAR_DUPLICATE_DISTANCE = 0.1;
/** Single-cycle waveforms and clicks are too short for their spectra to tell copies from siblings. */
const MIN_NEAR_DUPLICATE_SEC = 0.1;

/**
 * ml-isolation-forest draws from Math.random; a seeded generator stands in while it trains so the
 * same library always gets the same verdicts (a flag must not flicker between runs).
 */
function withSeededRandom<T>(seed: number, work: () => T): T {
  const original = Math.random;
  Math.random = createRandom(seed);
  try {
    return work();
  } finally {
    Math.random = original;
  }
}

function outlierScores(rows: AnomalyInputRow[]): Map<number, number> {
  const embedded = rows.filter((r) => r.embedding);
  const scores = new Map<number, number>();
  if (embedded.length < MIN_SAMPLES_FOR_OUTLIERS) return scores;
  const data = embedded.map((r) => Array.from(r.embedding!));
  const step = Math.max(1, Math.floor(data.length / SUBSAMPLE));
  const training = data.filter((_, i) => i % step === 0).slice(0, SUBSAMPLE);
  const forest = withSeededRandom(20261124, () => {
    const f = new IsolationForest({ nEstimators: TREES });
    f.train(training);
    return f;
  });
  const predicted = forest.predict(data);
  embedded.forEach((r, i) => scores.set(r.id, predicted[i]));
  return scores;
}

/**
 * Whether two fingerprints are within NEAR_DUPLICATE_DISTANCE (RMS difference). Stops as soon as
 * the sum passes the bound: most pairs of the same length differ in the first few bands, and a
 * library of 100k samples compares millions of pairs.
 */
function nearDuplicatePrints(a: Float64Array, b: Float64Array): boolean {
  const bound = NEAR_DUPLICATE_DISTANCE ** 2 * a.length;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    sum += (a[i] - b[i]) ** 2;
    if (sum >= bound) return false;
  }
  return true;
}

/** Ids that share decoded audio, or sound the same within a near-duplicate distance. */
function duplicateIds(rows: AnomalyInputRow[]): Set<number> {
  const duplicates = new Set<number>();
  const byHash = new Map<string, number[]>();
  for (const r of rows) {
    if (!r.audioHash) continue;
    const group = byHash.get(r.audioHash) ?? [];
    group.push(r.id);
    byHash.set(r.audioHash, group);
  }
  for (const group of byHash.values()) if (group.length > 1) group.forEach((id) => duplicates.add(id));

  // Near-duplicates: compare only files of about the same length (first fingerprint value is log duration).
  const minPrint = Math.log1p(MIN_NEAR_DUPLICATE_SEC);
  const withPrint = rows.filter((r) => r.fingerprint && r.fingerprint[0] >= minPrint).sort((a, b) => a.fingerprint![0] - b.fingerprint![0]);
  for (let i = 0; i < withPrint.length; i++) {
    for (let j = i + 1; j < withPrint.length; j++) {
      if (withPrint[j].fingerprint![0] - withPrint[i].fingerprint![0] > 0.02) break;
      if (withPrint[i].audioHash === withPrint[j].audioHash) continue;
      if (nearDuplicatePrints(withPrint[i].fingerprint!, withPrint[j].fingerprint!)) {
        duplicates.add(withPrint[i].id);
        duplicates.add(withPrint[j].id);
      }
    }
  }
  return duplicates;
}

export function libraryAnomalies(rows: AnomalyInputRow[]): AnomalyVerdict[] {
  const scores = outlierScores(rows);
  const duplicates = duplicateIds(rows);
  return rows.map((r) => {
    const reasons = [...r.fileReasons];
    if (duplicates.has(r.id)) reasons.push('duplicate');
    const score = scores.get(r.id) ?? null;
    if (score !== null && score >= OUTLIER_SCORE) reasons.push('outlier');
    return { id: r.id, score, reasons };
  });
}

/**
 * The near-duplicate fingerprint of a sample: log duration, then its mean log-mel spectrum in
 * units of 10 dB with the overall level removed, so a copy saved louder or quieter still matches.
 */
export function soundFingerprint(descriptors: Record<string, number>): Float64Array | null {
  const duration = descriptors.duration;
  if (typeof duration !== 'number') return null;
  const bands = 40;
  const print = new Float64Array(bands + 1);
  print[0] = Math.log1p(duration);
  let level = 0;
  for (let b = 0; b < bands; b++) {
    const value = descriptors[`log_mel_mean_${b}`];
    if (typeof value !== 'number' || !Number.isFinite(value)) return null;
    print[b + 1] = value / 10;
    level += value / 10;
  }
  level /= bands;
  for (let b = 1; b <= bands; b++) print[b] -= level;
  return print;
}
