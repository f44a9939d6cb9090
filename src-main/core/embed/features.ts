// Turns a descriptor map into the fixed, robust numeric vector the learned models read.
// Shared by the embedding and the category model so both see descriptors the same way.
import type { Descriptors } from '../../../src-shared/sample.js';

/** How a model reads descriptors: which, in what order, which are log-compressed, and their scaling. */
export interface FeatureTransform {
  featureNames: string[];
  /** Skewed non-negative descriptors (durations, rates, Hz) read as log1p(x): long tails stop dominating. */
  logFeatures: string[];
  /** Centre of each (log-compressed) feature. */
  mean: number[];
  /** Robust spread of each feature (IQR-based); z = (x - mean) / scale. */
  scale: number[];
  /** z-scores are clamped to ±clip so one wild descriptor cannot swamp the vector. */
  clip: number;
}

/** Raw (log-compressed where declared) values in featureNames order; NaN where a descriptor is missing or not finite. */
export function readFeatures(descriptors: Descriptors, featureNames: readonly string[], logFeatures: ReadonlySet<string>): Float64Array {
  const values = new Float64Array(featureNames.length);
  for (let i = 0; i < featureNames.length; i++) {
    const name = featureNames[i];
    const raw = descriptors[name];
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      values[i] = Number.NaN;
      continue;
    }
    values[i] = logFeatures.has(name) ? Math.log1p(Math.max(0, raw)) : raw;
  }
  return values;
}

/** Standardised, clamped feature vector; a missing descriptor reads as the training centre (z = 0). */
export function standardise(descriptors: Descriptors, transform: FeatureTransform, logFeatures: ReadonlySet<string> = new Set(transform.logFeatures)): Float64Array {
  const values = readFeatures(descriptors, transform.featureNames, logFeatures);
  for (let i = 0; i < values.length; i++) {
    const z = (values[i] - transform.mean[i]) / transform.scale[i];
    values[i] = Number.isNaN(z) ? 0 : Math.max(-transform.clip, Math.min(transform.clip, z));
  }
  return values;
}

/** Checks a parsed JSON transform has consistent lengths and finite numbers; returns the problem or null. */
export function transformProblem(value: Partial<FeatureTransform>): string | null {
  const names = value.featureNames;
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string') || names.length === 0) return 'featureNames must be a non-empty string array';
  if (!Array.isArray(value.logFeatures) || value.logFeatures.some((n) => typeof n !== 'string')) return 'logFeatures must be a string array';
  for (const key of ['mean', 'scale'] as const) {
    const column = value[key];
    if (!Array.isArray(column) || column.length !== names.length || column.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      return `${key} must hold ${names.length} finite numbers`;
    }
  }
  if (value.scale?.some((x) => x <= 0)) return 'scale must be positive';
  if (typeof value.clip !== 'number' || !(value.clip > 0)) return 'clip must be a positive number';
  return null;
}
