// Evaluation protocols for the trainer: leave-one-pack-out and unseen test sets, for the learned
// embedding, the prototype baseline and the category model. The math lives in
// src-main/core/models/evaluation.ts; this file decides what is trained on and what is asked.
import type { Descriptors } from '../../src-shared/sample.js';
import { DRUM_CATEGORIES, type Category } from '../../src-shared/taxonomy.js';
import { accuracy, confusionMatrix, perClassMetrics, precisionAtK, type ClassMetrics } from '../../src-main/core/models/evaluation.js';
import type { Example } from './dataset.js';

export type Embedder = (descriptors: Descriptors) => Float32Array;
export type EmbedderTrainer = (training: readonly Example[]) => Embedder;
export type Classifier = (rows: readonly Descriptors[]) => Category[];
export type ClassifierTrainer = (training: readonly Example[]) => Classifier;

export interface NeighbourScores {
  overall: number;
  crossPack: number;
  queries: number;
  byCategory: Record<string, { overall: number; crossPack: number }>;
}

const K = 10;

/** The unit left out together: corpus sources share a parent (`lmms:drums`, `lmms:beats` → `lmms`). */
export function packGroup(pack: string): string {
  return pack.split(':')[0];
}

function scoreQueries(vectors: Float32Array[], examples: readonly Example[], queryIndices: number[]): NeighbourScores {
  const labels = examples.map((e) => e.category);
  const groups = examples.map((e) => packGroup(e.pack));
  const overall = precisionAtK(vectors, labels, { k: K, queryIndices });
  const crossPack = precisionAtK(vectors, labels, { k: K, queryIndices, groups, excludeSameGroup: true });
  const byCategory: NeighbourScores['byCategory'] = {};
  for (const label of Object.keys(overall.byLabel)) byCategory[label] = { overall: overall.byLabel[label].precision, crossPack: crossPack.byLabel[label]?.precision ?? Number.NaN };
  return { overall: overall.precision, crossPack: crossPack.precision, queries: overall.queries, byCategory };
}

/** Training data of one fold: the other packs' originals plus their augmented copies (never the held-out pack's). */
export function foldTraining(examples: readonly Example[], augmented: readonly Example[], group: string): Example[] {
  return [...examples, ...augmented].filter((e) => packGroup(e.pack) !== group);
}

/**
 * Leave-one-pack-out: for each pack group, train without it, embed everything, and ask with the
 * held-out pack's files against the whole library (the held-out pack included, as a user's library
 * would). Scores are averaged over all queries of all folds. Augmented copies train (except the
 * held-out pack's) but are not in the library: a query would find its own copies.
 */
export function leaveOnePackOutNeighbours(examples: readonly Example[], train: EmbedderTrainer, augmented: readonly Example[] = []): NeighbourScores {
  const groups = [...new Set(examples.map((e) => packGroup(e.pack)))].sort();
  let overallSum = 0;
  let crossSum = 0;
  let queries = 0;
  const categorySums: Record<string, { overall: number; crossPack: number; n: number }> = {};
  for (const group of groups) {
    const embedder = train(foldTraining(examples, augmented, group));
    const vectors = examples.map((e) => embedder(e.descriptors));
    const queryIndices = examples.flatMap((e, i) => (packGroup(e.pack) === group ? [i] : []));
    const scores = scoreQueries(vectors, examples, queryIndices);
    overallSum += scores.overall * scores.queries;
    crossSum += scores.crossPack * scores.queries;
    queries += scores.queries;
    for (const [label, s] of Object.entries(scores.byCategory)) {
      const n = queryIndices.filter((i) => examples[i].category === label).length;
      const entry = (categorySums[label] ??= { overall: 0, crossPack: 0, n: 0 });
      entry.overall += s.overall * n;
      entry.crossPack += s.crossPack * n;
      entry.n += n;
    }
  }
  const byCategory: NeighbourScores['byCategory'] = {};
  for (const [label, s] of Object.entries(categorySums)) byCategory[label] = { overall: s.overall / s.n, crossPack: s.crossPack / s.n };
  return { overall: overallSum / queries, crossPack: crossSum / queries, queries, byCategory };
}

/** Unseen set: the library is training data plus the test files; only test files ask. */
export function unseenNeighbours(training: readonly Example[], test: readonly Example[], embedder: Embedder): NeighbourScores {
  const library = [...training, ...test];
  const vectors = library.map((e) => embedder(e.descriptors));
  const queryIndices = test.map((_, i) => training.length + i);
  return scoreQueries(vectors, library, queryIndices);
}

export interface ClassificationScores {
  overall: number;
  drums: number;
  count: number;
  perClass: ClassMetrics[];
  confusion: number[][];
  classes: Category[];
}

export function classificationScores(actual: readonly Category[], predicted: readonly Category[], classes: readonly Category[]): ClassificationScores {
  const present = classes.filter((c) => actual.includes(c) || predicted.includes(c));
  const confusion = confusionMatrix(actual, predicted, present);
  return {
    overall: accuracy(actual, predicted),
    drums: accuracy(actual, predicted, DRUM_CATEGORIES),
    count: actual.length,
    perClass: perClassMetrics(confusion, present),
    confusion,
    classes: present,
  };
}

/** Leave-one-pack-out category predictions for every example (each predicted by a model that never saw its pack). */
export function leaveOnePackOutPredictions(examples: readonly Example[], train: ClassifierTrainer, augmented: readonly Example[] = [], onFold?: (group: string) => void): Category[] {
  const predicted: Category[] = new Array<Category>(examples.length);
  const groups = [...new Set(examples.map((e) => packGroup(e.pack)))].sort();
  for (const group of groups) {
    onFold?.(group);
    const classify = train(foldTraining(examples, augmented, group));
    const indices = examples.flatMap((e, i) => (packGroup(e.pack) === group ? [i] : []));
    const predictions = classify(indices.map((i) => examples[i].descriptors));
    indices.forEach((exampleIndex, n) => (predicted[exampleIndex] = predictions[n]));
  }
  return predicted;
}
