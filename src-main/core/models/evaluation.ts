// Evaluation math shared by the trainer and the `evaluate` CLI command: neighbour precision in an
// embedding space, confusion matrices and per-class precision/recall/F1. Pure functions.
import { nearestIndices } from './nearest.js';

export interface PrecisionAtKOptions {
  k: number;
  /** Which items ask (default: all). Every item is a candidate neighbour either way. */
  queryIndices?: readonly number[];
  /** Group (pack) of each item; with excludeSameGroup, neighbours from the query's own group are skipped. */
  groups?: readonly string[];
  excludeSameGroup?: boolean;
}

export interface PrecisionAtKResult {
  /** Mean over queries that found k neighbours... or fewer when the pool is small (then over those found). */
  precision: number;
  queries: number;
  /** Mean precision per query label. */
  byLabel: Record<string, { precision: number; queries: number }>;
}

/**
 * Fraction of each query's k nearest neighbours (cosine similarity; vectors should be unit length)
 * that share its label, averaged over queries. The query itself never counts as its own neighbour.
 */
export function precisionAtK(vectors: readonly ArrayLike<number>[], labels: readonly string[], options: PrecisionAtKOptions): PrecisionAtKResult {
  const { k, groups, excludeSameGroup = false } = options;
  if (excludeSameGroup && !groups) throw new Error('excludeSameGroup needs groups');
  const queries = options.queryIndices ?? vectors.map((_, i) => i);
  const sums: Record<string, { total: number; queries: number }> = {};
  let total = 0;
  let counted = 0;
  for (const q of queries) {
    const best = nearestIndices(vectors, q, k, excludeSameGroup ? { skip: (j) => groups![j] === groups![q] } : {});
    if (best.length === 0) continue;
    const hits = best.filter((index) => labels[index] === labels[q]).length / best.length;
    total += hits;
    counted++;
    const entry = (sums[labels[q]] ??= { total: 0, queries: 0 });
    entry.total += hits;
    entry.queries++;
  }
  const byLabel: PrecisionAtKResult['byLabel'] = {};
  for (const [label, entry] of Object.entries(sums)) byLabel[label] = { precision: entry.total / entry.queries, queries: entry.queries };
  return { precision: counted ? total / counted : Number.NaN, queries: counted, byLabel };
}

/** matrix[actual][predicted] counts, rows and columns in `classes` order; unknown labels are ignored. */
export function confusionMatrix(actual: readonly string[], predicted: readonly string[], classes: readonly string[]): number[][] {
  const index = new Map(classes.map((c, i) => [c, i]));
  const matrix = classes.map(() => classes.map(() => 0));
  for (let i = 0; i < actual.length; i++) {
    const a = index.get(actual[i]);
    const p = index.get(predicted[i]);
    if (a !== undefined && p !== undefined) matrix[a][p]++;
  }
  return matrix;
}

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** How many items really are of this class. */
  support: number;
}

/** Precision, recall and F1 per class from a confusion matrix (0 where undefined, e.g. never predicted). */
export function perClassMetrics(matrix: readonly (readonly number[])[], classes: readonly string[]): ClassMetrics[] {
  return classes.map((label, c) => {
    const truePositives = matrix[c][c];
    const support = matrix[c].reduce((a, b) => a + b, 0);
    const predictedCount = matrix.reduce((sum, row) => sum + row[c], 0);
    const precision = predictedCount ? truePositives / predictedCount : 0;
    const recall = support ? truePositives / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
}

/** Fraction of items predicted right, optionally only over items whose actual label is in `among`. */
export function accuracy(actual: readonly string[], predicted: readonly string[], among?: readonly string[]): number {
  let right = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    if (among && !among.includes(actual[i])) continue;
    total++;
    if (actual[i] === predicted[i]) right++;
  }
  return total ? right / total : Number.NaN;
}
