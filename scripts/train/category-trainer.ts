// Builds the category model: the embedding plus either its softmax head or every training
// example's embedded vector for a neighbour vote (CATEGORY_CLASSIFIER says which ships).
import type { Descriptors } from '../../src-shared/sample.js';
import { CATEGORIES, type Category } from '../../src-shared/taxonomy.js';
import { embed, type EmbeddingModel } from '../../src-main/core/embed/index.js';
import { CategoryModel } from '../../src-main/core/models/category.js';
import type { SoftmaxHead } from './embedding-trainer.js';

/** Neighbours voting: measured on the unseen sets, 5 beat 1, 10 and 20. */
export const CATEGORY_NEIGHBOURS = 5;

/**
 * Which classifier ships, chosen by leave-one-pack-out accuracy: with the shipped MLP the softmax
 * head reached 64.0% (drums 75.6%) against the 5-neighbour vote's 63.7% (74.2%), and its file is a
 * few kB instead of a megabyte of reference vectors.
 */
export const CATEGORY_CLASSIFIER: 'head' | 'neighbours' = 'head';

/** `heads`: one per member of the embedding (embedMembers), or null for the neighbour vote. */
export function trainCategoryModel(rows: readonly Descriptors[], labels: readonly Category[], parts: { embedding: EmbeddingModel; heads: readonly SoftmaxHead[] | null; timbreWeight?: number }, trainedOn: string): CategoryModel {
  const { embedding, heads, timbreWeight } = parts;
  if (heads) {
    // The heads' own classes (all categories their training saw), in their row order.
    return CategoryModel.fromParts({
      k: CATEGORY_NEIGHBOURS, embedding, classes: [...heads[0].classes], references: [], referenceClasses: [],
      heads: heads.map((head) => ({ weights: head.weights, bias: head.bias, scale: head.scale })), timbreWeight, trainedOn,
    });
  }
  const classes = CATEGORIES.filter((c) => labels.includes(c));
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  // 4 decimals keep the file small; cosine rankings do not change at that precision.
  const references = rows.map((row) => Array.from(embed(row, embedding), (v) => Math.round(v * 1e4) / 1e4));
  return CategoryModel.fromParts({ k: CATEGORY_NEIGHBOURS, embedding, classes: [...classes], references, referenceClasses: labels.map((l) => classIndex.get(l)!), trainedOn });
}
