// Learns the embedding. Two trainers: an MLP with a cosine softmax over categories (what ships,
// version 2) and, kept as the measured "before", a linear projection: regularised LDA on the standardised descriptors (directions
// that separate categories while ignoring what varies inside a category, e.g. which soundfont or
// pack a kick came from), concatenated with a down-weighted PCA of the descriptors so neighbours
// inside a category are still ordered by overall sound.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Descriptors } from '../../src-shared/sample.js';
import {
  concatenateMembers, embedMembers, ENSEMBLE_EMBEDDING_VERSION, LINEAR_EMBEDDING_VERSION, type EnsembleEmbeddingModel, type LinearEmbeddingModel,
} from '../../src-main/core/embed/index.js';
import type { MemberTrainer } from './member-pool.js';
import type { MlpTrainingOptions } from '../../src-main/core/embed/mlp.js';
import type { DenseLayerJson } from '../../src-main/core/nn/dense.js';
import { CATEGORIES, type Category } from '../../src-shared/taxonomy.js';
import type { FeatureTransform } from '../../src-main/core/embed/features.js';
import { standardiseRows } from './feature-transform.js';

export interface EmbeddingTrainingOptions {
  /** Shrinkage of the within-class scatter towards a multiple of the identity (0..1). */
  shrinkage: number;
  /** PCA components appended, and their weight relative to the LDA part. */
  pcaComponents: number;
  pcaWeight: number;
  /** Weight LDA directions by sqrt(between/within ratio)^power: 0 = whitened, 1 = by separation. */
  eigenPower: number;
}

export const DEFAULT_EMBEDDING_OPTIONS: EmbeddingTrainingOptions = { shrinkage: 0.3, pcaComponents: 16, pcaWeight: 0.3, eigenPower: 0.5 };

function symmetricEigen(matrix: Matrix): { values: number[]; vectors: Matrix } {
  const decomposition = new EigenvalueDecomposition(matrix, { assumeSymmetric: true });
  const values = decomposition.realEigenvalues;
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
  const vectors = decomposition.eigenvectorMatrix;
  const reordered = new Matrix(vectors.rows, order.length);
  for (let c = 0; c < order.length; c++) for (let r = 0; r < vectors.rows; r++) reordered.set(r, c, vectors.get(r, order[c]));
  return { values: order.map((i) => values[i]), vectors: reordered };
}

/** Rows of the projection (each a weight per feature). */
export function learnProjection(z: readonly number[][], labels: readonly string[], options: EmbeddingTrainingOptions): number[][] {
  const n = z.length;
  const d = z[0].length;
  const classes = [...new Set(labels)].sort();
  const globalMean = new Array<number>(d).fill(0);
  for (const row of z) for (let j = 0; j < d; j++) globalMean[j] += row[j] / n;
  const classMeans = new Map<string, number[]>();
  const classCounts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const mean = classMeans.get(labels[i]) ?? new Array<number>(d).fill(0);
    for (let j = 0; j < d; j++) mean[j] += z[i][j];
    classMeans.set(labels[i], mean);
    classCounts.set(labels[i], (classCounts.get(labels[i]) ?? 0) + 1);
  }
  for (const [label, mean] of classMeans) for (let j = 0; j < d; j++) mean[j] /= classCounts.get(label)!;

  // Within-class scatter, every class weighted equally so big classes (perc) don't own the metric.
  const within = Matrix.zeros(d, d);
  const centred = new Matrix(n, d);
  for (let i = 0; i < n; i++) {
    const mean = classMeans.get(labels[i])!;
    const w = Math.sqrt(1 / (classCounts.get(labels[i])! * classes.length));
    for (let j = 0; j < d; j++) centred.set(i, j, (z[i][j] - mean[j]) * w);
  }
  within.add(centred.transpose().mmul(centred));
  const between = Matrix.zeros(d, d);
  for (const label of classes) {
    const diff = Matrix.columnVector(classMeans.get(label)!.map((m, j) => m - globalMean[j]));
    between.add(diff.mmul(diff.transpose()).mul(1 / classes.length));
  }
  const averageVariance = within.trace() / d;
  const regularised = within.mul(1 - options.shrinkage).add(Matrix.eye(d).mul(options.shrinkage * averageVariance));
  // Whiten the within-class scatter, then take the between-class principal directions.
  const { values: wValues, vectors: wVectors } = symmetricEigen(regularised);
  const whitening = wVectors.mmul(Matrix.diag(wValues.map((v) => 1 / Math.sqrt(Math.max(v, 1e-9)))));
  const whitenedBetween = whitening.transpose().mmul(between).mmul(whitening);
  const { values: bValues, vectors: bVectors } = symmetricEigen(new Matrix(whitenedBetween.to2DArray().map((row, r, all) => row.map((v, c) => (v + all[c][r]) / 2))));
  const ldaDimensions = Math.min(classes.length - 1, d);
  const directions = whitening.mmul(bVectors.subMatrix(0, d - 1, 0, ldaDimensions - 1));
  const projection: number[][] = [];
  for (let k = 0; k < ldaDimensions; k++) {
    const weight = Math.max(bValues[k], 0) ** (options.eigenPower / 2);
    projection.push(directions.getColumn(k).map((v) => v * weight));
  }
  // Scale of the LDA part: RMS norm of projected data, so pcaWeight is relative.
  const ldaEnergy = projection.reduce((sum, row) => sum + z.reduce((s, zi) => s + row.reduce((a, w, j) => a + w * zi[j], 0) ** 2, 0) / n, 0);
  if (options.pcaComponents > 0 && options.pcaWeight > 0) {
    const data = new Matrix(z.map((row) => row.map((v, j) => v - globalMean[j])));
    const covariance = data.transpose().mmul(data).div(n);
    const { values, vectors } = symmetricEigen(covariance);
    const components = Math.min(options.pcaComponents, d);
    const pcaEnergy = values.slice(0, components).reduce((a, b) => a + Math.max(b, 0), 0);
    const factor = options.pcaWeight * Math.sqrt(ldaEnergy / Math.max(pcaEnergy, 1e-9));
    for (let k = 0; k < components; k++) projection.push(vectors.getColumn(k).map((v) => v * factor));
  }
  return projection;
}

export function trainEmbeddingModel(rows: readonly Descriptors[], labels: readonly string[], transform: FeatureTransform, options: EmbeddingTrainingOptions, trainedOn: string): LinearEmbeddingModel {
  const z = standardiseRows(rows, transform);
  const projection = learnProjection(z, labels, options).map((row) => row.map((v) => Number(v.toPrecision(6))));
  return { version: LINEAR_EMBEDDING_VERSION, ...transform, projection, dimension: projection.length, trainedOn };
}

/** The MLP's cosine softmax head, kept so the category model can use it as a classifier. */
export interface SoftmaxHead extends DenseLayerJson {
  classes: Category[];
  scale: number;
}

export type MlpEmbeddingOptions = MlpTrainingOptions;

/**
 * Chosen by leave-one-pack-out on the training packs only, never by the test sets. Measured there
 * (find-similar p@10 overall/cross-pack; neighbour-vote accuracy): two hidden layers (256→128) no
 * better and twice as slow; without augmentation 64.7/55.7 (61.9%); with it, 10 epochs 64.1/55.1,
 * 20 epochs 65.3/56.4 (62.9%), 30 epochs 65.7/57.1 (63.3%); logit scale 6 and dropout 0.3 (20
 * epochs) 65.6/57.4 (63.6%), with 30 epochs 66.3/58.2 (63.7%; its softmax head 64.0%): shipped;
 * less dropout and input noise with scale 16: 63.3/54.7. With 7 kits per soundfont and 60 synthesised
 * sounds per drum class, drawing examples inside a class with weight 1/√(class examples of its
 * source) (so the corpus counts more) lost on both unseen sets (category FluidR3 68.3 → 66.5%,
 * Hydrogen 61.8 → 59.8%); an ensemble of three seeds (averaged logits, concatenated embeddings)
 * gained with 4 augmented copies per drum (FluidR3 69.4 → 71.3%, Hydrogen 59.1 → 61.8%) at three
 * times the training time.
 */
export const DEFAULT_MLP_OPTIONS: MlpEmbeddingOptions = { hidden: [128], embedding: 64, epochs: 30, batchSize: 64, learningRate: 0.003, weightDecay: 1e-4, dropout: 0.3, inputNoise: 0.2, scale: 6, seed: 1 };

/**
 * Members of the shipped ensemble. Measured with analysis version 3 (category overall/drums; p@10
 * overall/cross-pack), single networks of seed 1 | seed 2 → this ensemble of three:
 * leave-one-pack-out 70.9/80.2, 74.5/66.3 | 70.4/79.7, 75.0/66.0 → 71.8/80.7, 75.8/67.3;
 * FluidR3 70.6/79.4, 67.7/62.5 | 70.6/77.1, 70.3/64.5 → 71.5/78.9, 70.3/65.1;
 * Hydrogen 60.5, 73.1/54.2 | 63.5, 73.5/56.1 → 61.9, 73.7/55.9.
 * It costs three times the training (run in parallel, see member-pool.ts) and ~0.3 ms per file to embed
 * (npm run bench:profile: 0.14 → 0.43 ms); the category heads reuse the members' outputs
 * (analysis-resources.ts), so deriving every field of a file takes 0.21 ms.
 */
export const ENSEMBLE_SEEDS: readonly number[] = [1, 2, 3];

/**
 * The first `dimension` principal directions (uncentred) of the concatenations embedMembers gives
 * `model` over `rows`: the ensemble's projection.
 */
export function fitEnsembleProjection(rows: readonly Descriptors[], model: EnsembleEmbeddingModel, dimension: number): number[][] {
  const concatenated = rows.map((row) => concatenateMembers(embedMembers(row, { ...model, projection: [] })));
  const total = concatenated[0].length;
  const sums = new Float64Array(total * total);
  for (const x of concatenated) {
    for (let i = 0; i < total; i++) {
      const xi = x[i];
      if (xi === 0) continue;
      const base = i * total;
      for (let j = i; j < total; j++) sums[base + j] += xi * x[j];
    }
  }
  const moment = new Matrix(total, total);
  for (let i = 0; i < total; i++) for (let j = i; j < total; j++) {
    moment.set(i, j, sums[i * total + j]);
    moment.set(j, i, sums[i * total + j]);
  }
  const { vectors } = symmetricEigen(moment);
  return Array.from({ length: Math.min(dimension, total) }, (_, k) => vectors.getColumn(k).map((v) => Number(v.toPrecision(6))));
}

/** `model` with the timbre network's block (weight `weight`) in its concatenation, its projection refitted over `rows` (which carry timbre descriptors). */
export function withTimbreBlock(model: EnsembleEmbeddingModel, rows: readonly Descriptors[], weight: number): EnsembleEmbeddingModel {
  const withBlock: EnsembleEmbeddingModel = { ...model, timbreBlockWeight: weight };
  const projection = fitEnsembleProjection(rows, withBlock, model.dimension);
  return { ...withBlock, projection, dimension: projection.length };
}

/**
 * An ensemble embedding (version 3): one MLP per seed on the same standardised features, merged by
 * the principal directions (uncentred: cosine geometry has no origin shift) of the members'
 * concatenated unit outputs over the training rows, keeping `options.embedding` of them so the
 * search index stays as narrow as one member's. Members train through `train`, in parallel where
 * it is a pool.
 */
export async function trainMlpEnsembleModel(
  rows: readonly Descriptors[], labels: readonly Category[], transform: FeatureTransform, options: MlpEmbeddingOptions,
  seeds: readonly number[], trainedOn: string, train: MemberTrainer,
): Promise<{ model: EnsembleEmbeddingModel; heads: SoftmaxHead[] }> {
  const z = standardiseRows(rows, transform);
  const width = z[0].length;
  const features = new Float64Array(z.length * width);
  z.forEach((row, r) => features.set(row, r * width));
  const classes = CATEGORIES.filter((c) => labels.includes(c));
  const index = new Map(classes.map((c, i) => [c, i]));
  const classLabels = Int32Array.from(labels, (l) => index.get(l)!);
  const members = await Promise.all(seeds.map((seed) => train({ features, width, labels: classLabels, classCount: classes.length, options: { ...options, seed } })));
  const unprojected: EnsembleEmbeddingModel = {
    version: ENSEMBLE_EMBEDDING_VERSION, ...transform, members: members.map((m) => m.layers), projection: [], dimension: options.embedding, trainedOn,
  };
  const projection = fitEnsembleProjection(rows, unprojected, options.embedding);
  const dimension = projection.length;
  return {
    model: { ...unprojected, projection, dimension },
    heads: members.map((m) => ({ ...m.head, classes: [...classes], scale: m.scale })),
  };
}
