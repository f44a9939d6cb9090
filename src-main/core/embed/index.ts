// The embedding: descriptors → a unit vector whose cosine neighbours sound alike (share a category).
// A learned linear map: standardise (features.ts) → project → L2-normalise. The projection is
// trained by scripts/train (regularised LDA plus a down-weighted PCA of the descriptors) and
// shipped as resources/embedding-model.json.
import type { Descriptors } from '../../../src-shared/sample.js';
import { standardise, transformProblem, type FeatureTransform } from './features.js';

export const EMBEDDING_MODEL_FILE = 'embedding-model.json';
export const EMBEDDING_MODEL_VERSION = 1;

export interface EmbeddingModel extends FeatureTransform {
  version: number;
  /** dimension rows of featureNames.length weights each. */
  projection: number[][];
  dimension: number;
  /** What it was trained on, for humans (packs, counts, date-free so builds are reproducible). */
  trainedOn: string;
}

export class EmbeddingModelError extends Error {
  constructor(message: string) {
    super(`invalid embedding model: ${message}`);
    this.name = 'EmbeddingModelError';
  }
}

export function parseEmbeddingModel(json: unknown): EmbeddingModel {
  if (typeof json !== 'object' || json === null) throw new EmbeddingModelError('not an object');
  const model = json as Partial<EmbeddingModel>;
  if (model.version !== EMBEDDING_MODEL_VERSION) throw new EmbeddingModelError(`version ${String(model.version)}, expected ${EMBEDDING_MODEL_VERSION}`);
  const problem = transformProblem(model);
  if (problem) throw new EmbeddingModelError(problem);
  const width = model.featureNames!.length;
  if (typeof model.dimension !== 'number' || !Number.isInteger(model.dimension) || model.dimension < 1) throw new EmbeddingModelError('dimension must be a positive integer');
  if (!Array.isArray(model.projection) || model.projection.length !== model.dimension) throw new EmbeddingModelError(`projection must have ${model.dimension} rows`);
  for (const row of model.projection) {
    if (!Array.isArray(row) || row.length !== width || row.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      throw new EmbeddingModelError(`every projection row must hold ${width} finite numbers`);
    }
  }
  if (typeof model.trainedOn !== 'string') throw new EmbeddingModelError('trainedOn must be a string');
  return model as EmbeddingModel;
}

// parseEmbeddingModel returns the same object each time a worker loads it; cache the set per model.
const logSets = new WeakMap<EmbeddingModel, ReadonlySet<string>>();

export function embed(descriptors: Descriptors, model: EmbeddingModel): Float32Array {
  let logFeatures = logSets.get(model);
  if (!logFeatures) {
    logFeatures = new Set(model.logFeatures);
    logSets.set(model, logFeatures);
  }
  const z = standardise(descriptors, model, logFeatures);
  const out = new Float32Array(model.dimension);
  let norm = 0;
  for (let d = 0; d < model.dimension; d++) {
    const row = model.projection[d];
    let sum = 0;
    for (let i = 0; i < z.length; i++) sum += row[i] * z[i];
    out[d] = sum;
    norm += sum * sum;
  }
  norm = Math.sqrt(norm);
  // A vector at the exact centre has no direction; give it a fixed one rather than NaNs.
  if (norm < 1e-12) {
    out.fill(0);
    out[0] = 1;
    return out;
  }
  for (let d = 0; d < out.length; d++) out[d] /= norm;
  return out;
}
