// Trains the random-forest category model on standardised descriptors.
import { RandomForestClassifier } from 'ml-random-forest';
import type { Descriptors } from '../../src-shared/sample.js';
import { CATEGORIES, type Category } from '../../src-shared/taxonomy.js';
import type { FeatureTransform } from '../../src-main/core/embed/features.js';
import { CategoryModel } from '../../src-main/core/models/category.js';
import { standardiseRows } from './feature-transform.js';

export interface ForestOptions {
  trees: number;
  maxDepth: number;
  /** Fraction of features each tree sees (ml-random-forest bags features per tree). */
  maxFeatures: number;
  seed: number;
}

export const DEFAULT_FOREST: ForestOptions = { trees: 60, maxDepth: 14, maxFeatures: 0.35, seed: 7 };

/**
 * Repeats examples of small classes (deterministically, round-robin) until each has at least
 * `minimum` rows, so a forest does not learn that rare classes are rare.
 */
function balance<T>(rows: readonly T[], labels: readonly number[]): { rows: T[]; labels: number[] } {
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
  const minimum = Math.max(...[...byClass.values()].map((indices) => indices.length)) * 0.5;
  const outRows = [...rows];
  const outLabels = [...labels];
  for (const [label, indices] of byClass) {
    for (let extra = 0; indices.length + extra < minimum; extra++) {
      outRows.push(rows[indices[extra % indices.length]]);
      outLabels.push(label);
    }
  }
  return { rows: outRows, labels: outLabels };
}

export function trainCategoryModel(rows: readonly Descriptors[], labels: readonly Category[], transform: FeatureTransform, options: ForestOptions, trainedOn: string): CategoryModel {
  const classes = CATEGORIES.filter((c) => labels.includes(c));
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const balanced = balance(standardiseRows(rows, transform), labels.map((l) => classIndex.get(l)!));
  const forest = new RandomForestClassifier({
    nEstimators: options.trees,
    maxFeatures: options.maxFeatures,
    replacement: false,
    seed: options.seed,
    useSampleBagging: true,
    noOOB: true,
    treeOptions: { maxDepth: options.maxDepth, minNumSamples: 2 },
  });
  forest.train(balanced.rows, balanced.labels);
  return CategoryModel.fromTrained(transform, [...classes], forest, trainedOn);
}
