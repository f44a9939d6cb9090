// The shipped model files an analysis needs, loaded once per worker from resources/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBEDDING_MODEL_FILE, parseEmbeddingModel, type EmbeddingModel } from '../embed/index.js';
import { CATEGORY_MODEL_FILE, CategoryModel } from '../models/category.js';
import { parseTimbreNet, TIMBRE_NET_FILE, type TimbreNetJson } from '../analyse/timbre-net.js';

export interface AnalysisResources {
  embeddingModel: EmbeddingModel;
  categoryModel: CategoryModel | null;
  /** The analysis's learned extractor; without it the timbre descriptors are uniform. */
  timbreNet: TimbreNetJson | null;
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
  const categoryJson = existsSync(join(resourcesDir, CATEGORY_MODEL_FILE)) ? (read(CATEGORY_MODEL_FILE) as { embedding?: unknown }) : null;
  // The category file carries its own copy of the embedding, the same networks as the embedding
  // file's when both come from one training run: then it shares that object, so deriveFields runs
  // the networks once per file for both.
  const shared = categoryJson !== null && JSON.stringify(categoryJson.embedding) === JSON.stringify(embeddingModel);
  const categoryModel = categoryJson === null ? null : CategoryModel.fromJSON(shared ? { ...categoryJson, embedding: embeddingModel } : categoryJson);
  const timbreNet = existsSync(join(resourcesDir, TIMBRE_NET_FILE)) ? parseTimbreNet(read(TIMBRE_NET_FILE)) : null;
  return { embeddingModel, categoryModel, timbreNet };
}
