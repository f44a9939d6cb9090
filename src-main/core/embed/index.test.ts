import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../src-shared/taxonomy.js';
import { repoRoot } from '../../../test/corpus.js';
import { timbreDescriptorName } from '../analyse/timbre-net.js';
import { embed, embedMembers, EMBEDDING_MODEL_FILE, parseEmbeddingModel, type EmbeddingModel, type EnsembleEmbeddingModel, type LinearEmbeddingModel, type MlpEmbeddingModel } from './index.js';

const shipped = (): EmbeddingModel => parseEmbeddingModel(JSON.parse(readFileSync(join(repoRoot, 'resources', EMBEDDING_MODEL_FILE), 'utf8')));

/** A tiny version-1 (linear) model: the format still loads, e.g. from an older build's resources. */
const linear: LinearEmbeddingModel = {
  version: 1,
  featureNames: ['a', 'b', 'c'],
  logFeatures: ['c'],
  mean: [0, 1, 0.5],
  scale: [1, 2, 0.5],
  clip: 5,
  projection: [[1, 0, 0], [0, 1, 1]],
  dimension: 2,
  trainedOn: 'test',
};

/** A tiny version-2 (MLP) model: 3 inputs → 4 hidden (ReLU) → 2. */
const mlp: MlpEmbeddingModel = {
  ...linear,
  version: 2,
  layers: [
    { weights: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [-1, -1, -1]], bias: [0, 0, 0, 0.1] },
    { weights: [[1, -1, 0, 0.5], [0, 1, 1, 0]], bias: [0.1, 0] },
  ],
};

/** A tiny version-3 ensemble: the MLP above and a second member with 2 outputs, merged to 2 dimensions. */
const ensemble: EnsembleEmbeddingModel = {
  ...linear,
  version: 3,
  members: [mlp.layers, [{ weights: [[0, 0, 1], [1, 1, 0]], bias: [0, 0] }]],
  projection: [[1, 0, 1, 0], [0, 1, 0, -1]],
  dimension: 2,
};

function typicalDescriptors(model: EmbeddingModel) {
  return Object.fromEntries(model.featureNames.map((name, i) => [name, model.logFeatures.includes(name) ? Math.expm1(model.mean[i] + model.scale[i]) : model.mean[i] + model.scale[i]]));
}

describe('embedding model', () => {
  it('parses the shipped model and embeds to unit vectors of the declared dimension', () => {
    const model = shipped();
    for (const descriptors of [typicalDescriptors(model), {}, { duration: 1e9, mfcc_mean_0: Number.NaN }]) {
      const vector = embed(descriptors, model);
      expect(vector).toHaveLength(model.dimension);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
      expect(vector.every(Number.isFinite)).toBe(true);
    }
  });

  it('embeds with both model versions', () => {
    // Linear: z = (1, 0.5, log1p(2)-0.5)/0.5 clamp → projection rows.
    const descriptors = { a: 1, b: 2, c: 2 };
    const zc = (Math.log1p(2) - 0.5) / 0.5;
    const linearVector = embed(descriptors, parseEmbeddingModel(linear));
    const expected = [1, 0.5 + zc];
    const norm = Math.hypot(...expected);
    expect(linearVector[0]).toBeCloseTo(expected[0] / norm, 5);
    expect(linearVector[1]).toBeCloseTo(expected[1] / norm, 5);
    // MLP: hidden = relu(z, 0.5, zc, -(1 + 0.5 + zc) + 0.1) → output.
    const hidden = [1, 0.5, zc, Math.max(0, 0.1 - 1 - 0.5 - zc)];
    const out = [0.1 + hidden[0] - hidden[1] + 0.5 * hidden[3], hidden[1] + hidden[2]];
    const mlpVector = embed(descriptors, parseEmbeddingModel(mlp));
    expect(mlpVector[0]).toBeCloseTo(out[0] / Math.hypot(...out), 5);
    expect(mlpVector[1]).toBeCloseTo(out[1] / Math.hypot(...out), 5);
  });

  it('embeds with an ensemble: unit member outputs, concatenated, projected, normalised', () => {
    const descriptors = { a: 1, b: 2, c: 2 };
    const model = parseEmbeddingModel(ensemble);
    const [first, second] = embedMembers(descriptors, model);
    expect(Array.from(first)).toEqual(Array.from(embed(descriptors, parseEmbeddingModel(mlp))));
    const zc = (Math.log1p(2) - 0.5) / 0.5;
    const raw = [zc, 1 + 0.5];
    for (let d = 0; d < 2; d++) expect(second[d]).toBeCloseTo(raw[d] / Math.hypot(...raw), 5);
    // The 1/√2 scale of the concatenation cancels in the final normalisation.
    const merged = [first[0] + second[0], first[1] - second[1]];
    const vector = embed(descriptors, model);
    for (let d = 0; d < 2; d++) expect(vector[d]).toBeCloseTo(merged[d] / Math.hypot(...merged), 5);
    expect(() => parseEmbeddingModel({ ...ensemble, members: [] })).toThrow(/members must be a non-empty array/);
    expect(() => parseEmbeddingModel({ ...ensemble, members: [mlp.layers, [mlp.layers[1]]] })).toThrow(/member 1: layer 0 rows must hold 3/);
    expect(() => parseEmbeddingModel({ ...ensemble, projection: [[1, 0, 1], [0, 1, 0]] })).toThrow(/projection row must hold 4/);
  });

  it('ends an ensemble\'s concatenation with the timbre network\'s √probabilities, weighted, where the model asks', () => {
    const withBlock: EnsembleEmbeddingModel = {
      ...ensemble,
      timbreBlockWeight: 2,
      // Rows 0 and 1 copy the first member; row 1 also reads the block's snare and kick entries.
      projection: [[1, 0, 0, 0, ...CATEGORIES.map(() => 0)], [0, 1, 0, 0, ...CATEGORIES.map((c) => (c === 'snare' ? 1 : c === 'kick' ? -1 : 0))]],
    };
    const model = parseEmbeddingModel(withBlock);
    const probabilities = Object.fromEntries(CATEGORIES.map((c) => [c, c === 'snare' ? 0.64 : c === 'kick' ? 0.36 - 1e-9 * (CATEGORIES.length - 2) : 1e-9]));
    const descriptors = { a: 1, b: 2, c: 2, ...Object.fromEntries(CATEGORIES.map((c) => [timbreDescriptorName(c), Math.log(probabilities[c])])) };
    const members = embedMembers(descriptors, model);
    expect(members).toHaveLength(3);
    const block = members[2];
    expect(block[CATEGORIES.indexOf('snare')]).toBeCloseTo(2 * 0.8, 6);
    expect(block[CATEGORIES.indexOf('kick')]).toBeCloseTo(2 * 0.6, 6);
    const first = members[0];
    const merged = [first[0], first[1] + 2 * 0.8 - 2 * 0.6];
    const vector = embed(descriptors, model);
    for (let d = 0; d < 2; d++) expect(vector[d]).toBeCloseTo(merged[d] / Math.hypot(...merged), 5);
    // A row from before the network: the uniform distribution's block, the same for every such row.
    const old = embedMembers({ a: 1, b: 2, c: 2 }, model)[2];
    for (const value of old) expect(value).toBeCloseTo(2 / Math.sqrt(CATEGORIES.length), 6);
    expect(() => parseEmbeddingModel({ ...withBlock, timbreBlockWeight: 0 })).toThrow(/timbreBlockWeight must be a positive number/);
    expect(() => parseEmbeddingModel({ ...ensemble, timbreBlockWeight: 1 })).toThrow(new RegExp(`projection row must hold ${4 + CATEGORIES.length}`));
  });

  it('rejects malformed models with a clear message', () => {
    const model = shipped();
    expect(() => parseEmbeddingModel(null)).toThrow(/invalid embedding model: not an object/);
    expect(() => parseEmbeddingModel({ ...model, version: 99 })).toThrow(/version 99/);
    expect(() => parseEmbeddingModel({ ...model, mean: model.mean.slice(1) })).toThrow(/mean must hold/);
    expect(() => parseEmbeddingModel({ ...linear, projection: linear.projection.slice(1) })).toThrow(/projection must have/);
    expect(() => parseEmbeddingModel({ ...mlp, layers: [mlp.layers[1]] })).toThrow(/layer 0 rows must hold 3/);
    expect(() => parseEmbeddingModel({ ...mlp, dimension: 3 })).toThrow(/last layer must have 3 outputs/);
    expect(() => parseEmbeddingModel({ ...mlp, layers: undefined })).toThrow(/layers must be a non-empty array/);
  });

  it('clamps a wild descriptor instead of letting it dominate', () => {
    const model = shipped();
    const name = model.featureNames[0];
    const far = embed({ [name]: 1e12 }, model);
    const beyondClip = model.mean[0] + model.scale[0] * model.clip * 2;
    const clipped = embed({ [name]: model.logFeatures.includes(name) ? Math.expm1(beyondClip) : beyondClip }, model);
    for (let d = 0; d < model.dimension; d++) expect(far[d]).toBeCloseTo(clipped[d], 5);
  });
});
