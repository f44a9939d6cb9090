// The embedding: descriptors → a unit vector whose cosine neighbours sound alike (share a category).
// Standardise (features.ts) → a learned map → L2-normalise. Two kinds of map, both trained by
// scripts/train and shipped as resources/embedding-model.json:
// - version 1, linear: one projection matrix (regularised LDA plus a down-weighted PCA);
// - version 2, a small MLP (mlp.ts): dense layers with ReLU between, trained with a cosine softmax
//   over categories on augmented audio, which generalises better to unseen kits than the linear map;
// - version 3, an ensemble of such MLPs trained from different seeds: each member's unit output is
//   concatenated and projected back to `dimension` on the concatenation's principal directions, so
//   the search index keeps its width while one seed's quirks average out. It may also take in the
//   timbre network's opinion (analyse/timbre-net.ts) as one more block of the concatenation.
import type { Descriptors } from '../../../src-shared/sample.js';
import { CATEGORIES } from '../../../src-shared/taxonomy.js';
import { timbreDescriptorName } from '../analyse/timbre-net.js';
import { standardise, transformProblem, type FeatureTransform } from './features.js';
import { layersProblem, mlpForward, type DenseLayerJson } from '../nn/dense.js';

export const EMBEDDING_MODEL_FILE = 'embedding-model.json';
export const LINEAR_EMBEDDING_VERSION = 1;
export const MLP_EMBEDDING_VERSION = 2;
export const ENSEMBLE_EMBEDDING_VERSION = 3;
/** What the trainer writes now. */
export const EMBEDDING_MODEL_VERSION = ENSEMBLE_EMBEDDING_VERSION;

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

export interface EnsembleEmbeddingModel extends EmbeddingModelBase {
  version: typeof ENSEMBLE_EMBEDDING_VERSION;
  /** Each member's dense layers (as version 2's `layers`), all reading the same standardised features. */
  members: DenseLayerJson[][];
  /** `dimension` rows over the members' concatenated unit outputs (scaled by 1/√members). */
  projection: number[][];
  /**
   * When set, the concatenation ends with one more block: this weight times the square roots of the
   * timbre network's category probabilities (the timbre_net_ descriptors), a unit vector like the
   * members' outputs, so sounds the spectrogram network hears alike move closer.
   */
  timbreBlockWeight?: number;
}

export type EmbeddingModel = LinearEmbeddingModel | MlpEmbeddingModel | EnsembleEmbeddingModel;
const VERSIONS = [LINEAR_EMBEDDING_VERSION, MLP_EMBEDDING_VERSION, ENSEMBLE_EMBEDDING_VERSION];

export class EmbeddingModelError extends Error {
  constructor(message: string) {
    super(`invalid embedding model: ${message}`);
    this.name = 'EmbeddingModelError';
  }
}

export function parseEmbeddingModel(json: unknown): EmbeddingModel {
  if (typeof json !== 'object' || json === null) throw new EmbeddingModelError('not an object');
  const model = json as Partial<LinearEmbeddingModel> & Partial<Omit<MlpEmbeddingModel, 'version'>> & Partial<Omit<EnsembleEmbeddingModel, 'version'>>;
  if (!VERSIONS.includes(model.version as number)) {
    throw new EmbeddingModelError(`version ${String(model.version)}, expected one of ${VERSIONS.join(', ')}`);
  }
  const problem = transformProblem(model);
  if (problem) throw new EmbeddingModelError(problem);
  const width = model.featureNames!.length;
  if (typeof model.dimension !== 'number' || !Number.isInteger(model.dimension) || model.dimension < 1) throw new EmbeddingModelError('dimension must be a positive integer');
  const checkProjection = (inputs: number) => {
    if (!Array.isArray(model.projection) || model.projection.length !== model.dimension) throw new EmbeddingModelError(`projection must have ${model.dimension} rows`);
    for (const row of model.projection) {
      if (!Array.isArray(row) || row.length !== inputs || row.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
        throw new EmbeddingModelError(`every projection row must hold ${inputs} finite numbers`);
      }
    }
  };
  const outputsOf = (layers: unknown, what: string): number => {
    const layerProblem = layersProblem(layers, width);
    if (layerProblem) throw new EmbeddingModelError(`${what}${layerProblem}`);
    const stack = layers as DenseLayerJson[];
    return stack[stack.length - 1].weights.length;
  };
  if (model.version === LINEAR_EMBEDDING_VERSION) {
    checkProjection(width);
  } else if (model.version === MLP_EMBEDDING_VERSION) {
    if (outputsOf(model.layers, '') !== model.dimension) throw new EmbeddingModelError(`the last layer must have ${model.dimension} outputs`);
  } else {
    if (!Array.isArray(model.members) || model.members.length === 0) throw new EmbeddingModelError('members must be a non-empty array');
    const widths = model.members.map((layers, m) => outputsOf(layers, `member ${m}: `));
    const weight = model.timbreBlockWeight;
    if (weight !== undefined && (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0)) throw new EmbeddingModelError('timbreBlockWeight must be a positive number');
    checkProjection(widths.reduce((a, b) => a + b, 0) + (weight === undefined ? 0 : CATEGORIES.length));
  }
  if (typeof model.trainedOn !== 'string') throw new EmbeddingModelError('trainedOn must be a string');
  return model as EmbeddingModel;
}

// parseEmbeddingModel returns the same object each time a worker loads it; cache the set per model.
const logSets = new WeakMap<EmbeddingModel, ReadonlySet<string>>();

function linearMap(rows: readonly number[][], x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let d = 0; d < rows.length; d++) {
    const row = rows[d];
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += row[i] * x[i];
    out[d] = sum;
  }
  return out;
}

/** `raw` scaled to unit length; a vector at the exact centre has no direction, so it gets a fixed one rather than NaNs. */
function unit(raw: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let d = 0; d < raw.length; d++) norm += raw[d] * raw[d];
  norm = Math.sqrt(norm);
  const out = new Float32Array(raw.length);
  if (norm < 1e-12) {
    out[0] = 1;
    return out;
  }
  for (let d = 0; d < out.length; d++) out[d] = raw[d] / norm;
  return out;
}

function standardised(descriptors: Descriptors, model: EmbeddingModel): Float64Array {
  let logFeatures = logSets.get(model);
  if (!logFeatures) {
    logFeatures = new Set(model.logFeatures);
    logSets.set(model, logFeatures);
  }
  return standardise(descriptors, model, logFeatures);
}

/**
 * The timbre block: `weight` × √p per category. A row analysed before the network existed has no
 * timbre descriptors and gets the uniform distribution's block, the same for every such row.
 */
function timbreBlock(descriptors: Descriptors, weight: number): Float32Array {
  const block = new Float32Array(CATEGORIES.length);
  CATEGORIES.forEach((category, c) => {
    const logProbability = descriptors[timbreDescriptorName(category)] ?? -Math.log(CATEGORIES.length);
    block[c] = weight * Math.exp(logProbability / 2);
  });
  return block;
}

/**
 * The unit vectors a classifier head reads: one per ensemble member (version 3), else the
 * embedding itself; an ensemble with a timbre block gives that block last (no head reads it).
 * embedFromMembers turns them into the embedding, so a caller that needs both runs the networks once.
 */
export function embedMembers(descriptors: Descriptors, model: EmbeddingModel): Float32Array[] {
  const z = standardised(descriptors, model);
  if (model.version === ENSEMBLE_EMBEDDING_VERSION) {
    const members = model.members.map((layers) => unit(mlpForward(z, layers)));
    if (model.timbreBlockWeight !== undefined) members.push(timbreBlock(descriptors, model.timbreBlockWeight));
    return members;
  }
  return [unit(model.version === MLP_EMBEDDING_VERSION ? mlpForward(z, model.layers) : linearMap(model.projection, z))];
}

/** Concatenation of the members' unit vectors, each scaled by 1/√count (unit length as a whole when a timbre block has weight 1). */
export function concatenateMembers(members: readonly Float32Array[]): Float64Array {
  const width = members.reduce((sum, m) => sum + m.length, 0);
  const out = new Float64Array(width);
  const scale = 1 / Math.sqrt(members.length);
  let offset = 0;
  for (const member of members) {
    for (let i = 0; i < member.length; i++) out[offset + i] = member[i] * scale;
    offset += member.length;
  }
  return out;
}

/** The embedding from what embedMembers gave for the same model. */
export function embedFromMembers(members: readonly Float32Array[], model: EmbeddingModel): Float32Array {
  return model.version === ENSEMBLE_EMBEDDING_VERSION ? unit(linearMap(model.projection, concatenateMembers(members))) : members[0];
}

export function embed(descriptors: Descriptors, model: EmbeddingModel): Float32Array {
  return embedFromMembers(embedMembers(descriptors, model), model);
}
