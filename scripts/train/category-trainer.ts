// Builds the category model: the embedding plus every training example's embedded vector.
import type { Descriptors } from '../../src-shared/sample.js';
import { CATEGORIES, type Category } from '../../src-shared/taxonomy.js';
import { embed, type EmbeddingModel } from '../../src-main/core/embed/index.js';
import { CategoryModel } from '../../src-main/core/models/category.js';

/** Neighbours voting: measured on the unseen sets, 5 beat 1, 10 and 20. */
export const CATEGORY_NEIGHBOURS = 5;

export function trainCategoryModel(rows: readonly Descriptors[], labels: readonly Category[], embedding: EmbeddingModel, trainedOn: string): CategoryModel {
  const classes = CATEGORIES.filter((c) => labels.includes(c));
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  // 4 decimals keep the file small; cosine rankings do not change at that precision.
  const references = rows.map((row) => Array.from(embed(row, embedding), (v) => Math.round(v * 1e4) / 1e4));
  return CategoryModel.fromParts({ k: CATEGORY_NEIGHBOURS, embedding, classes: [...classes], references, referenceClasses: labels.map((l) => classIndex.get(l)!), trainedOn });
}
