// The shipped model files an analysis needs, loaded once per worker from resources/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBEDDING_MODEL_FILE, parseEmbeddingModel, type EmbeddingModel } from '../embed/index.js';
import { CATEGORY_MODEL_FILE, CategoryModel } from '../models/category.js';

export interface AnalysisResources {
  embeddingModel: EmbeddingModel;
  categoryModel: CategoryModel | null;
}

/** Finds the project's resources/ folder from wherever this code was bundled or is run from source ($SAMPLEDEX_RESOURCES overrides). */
export function findResourcesDir(start: string = dirname(fileURLToPath(import.meta.url))): string {
  if (process.env.SAMPLEDEX_RESOURCES) return process.env.SAMPLEDEX_RESOURCES;
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, EMBEDDING_MODEL_FILE))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`resources/${EMBEDDING_MODEL_FILE} not found above ${start}`);
    dir = parent;
  }
}

export function loadAnalysisResources(resourcesDir: string): AnalysisResources {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(resourcesDir, file), 'utf8'));
  const embeddingModel = parseEmbeddingModel(read(EMBEDDING_MODEL_FILE));
  const categoryModel = existsSync(join(resourcesDir, CATEGORY_MODEL_FILE)) ? CategoryModel.fromJSON(read(CATEGORY_MODEL_FILE)) : null;
  return { embeddingModel, categoryModel };
}
