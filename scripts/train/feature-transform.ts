// Fits the FeatureTransform (which descriptors, which log-compressed, centre and robust scale)
// that both learned models read.
import type { Descriptors } from '../../src-shared/sample.js';
import type { FeatureTransform } from '../../src-main/core/embed/features.js';
import { readFeatures } from '../../src-main/core/embed/features.js';

export interface FeatureSelection {
  /** Descriptor names never used (e.g. absolute level, which says how loud a file was mastered, not what it is). */
  exclude?: (name: string) => boolean;
  /** Only these names (used for the prototype baseline); default: every descriptor present almost everywhere. */
  only?: readonly string[];
  clip?: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

function skewness(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  let m2 = 0;
  let m3 = 0;
  for (const v of values) {
    m2 += (v - mean) ** 2;
    m3 += (v - mean) ** 3;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}

export function fitFeatureTransform(rows: readonly Descriptors[], selection: FeatureSelection = {}): FeatureTransform {
  const clip = selection.clip ?? 5;
  let names: string[];
  if (selection.only) {
    names = [...selection.only];
  } else {
    const present = new Map<string, number>();
    for (const row of rows) for (const [name, value] of Object.entries(row)) if (Number.isFinite(value)) present.set(name, (present.get(name) ?? 0) + 1);
    names = [...present.entries()].filter(([name, count]) => count >= rows.length * 0.98 && !(selection.exclude?.(name) ?? false)).map(([name]) => name).sort();
  }
  const featureNames: string[] = [];
  const logFeatures: string[] = [];
  const mean: number[] = [];
  const scale: number[] = [];
  for (const name of names) {
    const raw = rows.map((r) => r[name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (raw.length < rows.length * 0.5) continue;
    // Log-compress non-negative descriptors with a long right tail (durations, rates, Hz) when that
    // makes them markedly more symmetric.
    const nonNegative = raw.every((v) => v >= 0);
    const useLog = nonNegative && skewness(raw) > 1.5 && Math.abs(skewness(raw.map(Math.log1p))) < Math.abs(skewness(raw)) * 0.7;
    const values = useLog ? raw.map(Math.log1p) : raw;
    const sorted = [...values].sort((a, b) => a - b);
    const median = quantile(sorted, 0.5);
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length);
    // Robust spread: IQR of a normal is 1.349 σ; fall back to σ for mostly-constant features.
    let spread = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 1.349;
    if (!(spread > std * 0.05)) spread = std;
    if (!(spread > 1e-9)) continue; // constant: carries nothing
    // Re-centre on the mean of the clipped z-scores so standardised data is centred for cosine.
    const clippedMean = values.reduce((a, v) => a + Math.max(-clip, Math.min(clip, (v - median) / spread)), 0) / values.length;
    featureNames.push(name);
    if (useLog) logFeatures.push(name);
    mean.push(median + clippedMean * spread);
    scale.push(spread);
  }
  return { featureNames, logFeatures, mean, scale, clip };
}

/** Standardised rows (n × d) under a transform, as plain arrays for ml-matrix and ml-random-forest. */
export function standardiseRows(rows: readonly Descriptors[], transform: FeatureTransform): number[][] {
  const logSet = new Set(transform.logFeatures);
  return rows.map((row) => {
    const values = readFeatures(row, transform.featureNames, logSet);
    return Array.from(values, (v, i) => {
      const z = (v - transform.mean[i]) / transform.scale[i];
      return Number.isNaN(z) ? 0 : Math.max(-transform.clip, Math.min(transform.clip, z));
    });
  });
}
