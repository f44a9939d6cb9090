// The embedding: descriptors → a unit vector whose cosine neighbours sound alike (share a category).
// Standardise (features.ts) → a learned map → L2-normalise. Two kinds of map, both trained by
// scripts/train and shipped as resources/embedding-model.json:
// - version 1, linear: one projection matrix (regularised LDA plus a down-weighted PCA);
// - version 2, a small MLP (mlp.ts): dense layers with ReLU between, trained with a cosine softmax
//   over categories on augmented audio, which generalises better to unseen kits than the linear map.
import type { Descriptors } from '../../../src-shared/sample.js';
import { standardise, transformProblem, type FeatureTransform } from './features.js';
import { layersProblem, mlpForward, type DenseLayerJson } from './mlp.js';

export const EMBEDDING_MODEL_FILE = 'embedding-model.json';
export const LINEAR_EMBEDDING_VERSION = 1;
export const MLP_EMBEDDING_VERSION = 2;
/** What the trainer writes now. */
export const EMBEDDING_MODEL_VERSION = MLP_EMBEDDING_VERSION;

interface EmbeddingModelBase extends FeatureTransform {
  dimension: number;
  /** What it was trained on, for humans (packs, counts, date-free so builds are reproducible). */
  trainedOn: string;
}

export interface LinearEmbeddingModel extends EmbeddingModelBase {
  version: typeof LINEAR_EMBEDDING_VERSION;
  /** dimension rows of featureNames.length weights each. */
  projection: number[][];
}

export interface MlpEmbeddingModel extends EmbeddingModelBase {
  version: typeof MLP_EMBEDDING_VERSION;
  /** Dense layers from featureNames.length inputs to `dimension` outputs; ReLU between them. */
  layers: DenseLayerJson[];
}

export type EmbeddingModel = LinearEmbeddingModel | MlpEmbeddingModel;

export class EmbeddingModelError extends Error {
  constructor(message: string) {
    super(`invalid embedding model: ${message}`);
    this.name = 'EmbeddingModelError';
  }
}

export function parseEmbeddingModel(json: unknown): EmbeddingModel {
  if (typeof json !== 'object' || json === null) throw new EmbeddingModelError('not an object');
  const model = json as Partial<LinearEmbeddingModel> & Partial<Omit<MlpEmbeddingModel, 'version'>>;
  if (model.version !== LINEAR_EMBEDDING_VERSION && model.version !== MLP_EMBEDDING_VERSION) {
    throw new EmbeddingModelError(`version ${String(model.version)}, expected ${LINEAR_EMBEDDING_VERSION} or ${MLP_EMBEDDING_VERSION}`);
  }
  const problem = transformProblem(model);
  if (problem) throw new EmbeddingModelError(problem);
  const width = model.featureNames!.length;
  if (typeof model.dimension !== 'number' || !Number.isInteger(model.dimension) || model.dimension < 1) throw new EmbeddingModelError('dimension must be a positive integer');
  if (model.version === LINEAR_EMBEDDING_VERSION) {
    if (!Array.isArray(model.projection) || model.projection.length !== model.dimension) throw new EmbeddingModelError(`projection must have ${model.dimension} rows`);
    for (const row of model.projection) {
      if (!Array.isArray(row) || row.length !== width || row.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
        throw new EmbeddingModelError(`every projection row must hold ${width} finite numbers`);
      }
    }
  } else {
    const layerProblem = layersProblem(model.layers, width);
    if (layerProblem) throw new EmbeddingModelError(layerProblem);
    const last = model.layers![model.layers!.length - 1];
    if (last.weights.length !== model.dimension) throw new EmbeddingModelError(`the last layer must have ${model.dimension} outputs`);
  }
  if (typeof model.trainedOn !== 'string') throw new EmbeddingModelError('trainedOn must be a string');
  return model as EmbeddingModel;
}

// parseEmbeddingModel returns the same object each time a worker loads it; cache the set per model.
const logSets = new WeakMap<EmbeddingModel, ReadonlySet<string>>();

function project(z: Float64Array, model: EmbeddingModel): ArrayLike<number> {
  if (model.version === MLP_EMBEDDING_VERSION) return mlpForward(z, model.layers);
  const out = new Float64Array(model.dimension);
  for (let d = 0; d < model.dimension; d++) {
    const row = model.projection[d];
    let sum = 0;
    for (let i = 0; i < z.length; i++) sum += row[i] * z[i];
    out[d] = sum;
  }
  return out;
}

export function embed(descriptors: Descriptors, model: EmbeddingModel): Float32Array {
  let logFeatures = logSets.get(model);
  if (!logFeatures) {
    logFeatures = new Set(model.logFeatures);
    logSets.set(model, logFeatures);
  }
  const z = standardise(descriptors, model, logFeatures);
  const raw = project(z, model);
  let norm = 0;
  for (let d = 0; d < raw.length; d++) norm += raw[d] * raw[d];
  norm = Math.sqrt(norm);
  const out = new Float32Array(model.dimension);
  // A vector at the exact centre has no direction; give it a fixed one rather than NaNs.
  if (norm < 1e-12) {
    out[0] = 1;
    return out;
  }
  for (let d = 0; d < out.length; d++) out[d] = raw[d] / norm;
  return out;
}
