import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/corpus.js';
import { embed, EMBEDDING_MODEL_FILE, parseEmbeddingModel, type EmbeddingModel } from './index.js';

const shipped = (): EmbeddingModel => parseEmbeddingModel(JSON.parse(readFileSync(join(repoRoot, 'resources', EMBEDDING_MODEL_FILE), 'utf8')));

describe('embedding model', () => {
  it('parses the shipped model and embeds to unit vectors of the declared dimension', () => {
    const model = shipped();
    expect(model.dimension).toBe(model.projection.length);
    const typical = Object.fromEntries(model.featureNames.map((name, i) => [name, model.logFeatures.includes(name) ? Math.expm1(model.mean[i] + model.scale[i]) : model.mean[i] + model.scale[i]]));
    for (const descriptors of [typical, {}, { duration: 1e9, mfcc_mean_0: Number.NaN }]) {
      const vector = embed(descriptors, model);
      expect(vector).toHaveLength(model.dimension);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
      expect(vector.every(Number.isFinite)).toBe(true);
    }
  });

  it('rejects malformed models with a clear message', () => {
    const model = shipped();
    expect(() => parseEmbeddingModel(null)).toThrow(/invalid embedding model: not an object/);
    expect(() => parseEmbeddingModel({ ...model, version: 99 })).toThrow(/version 99/);
    expect(() => parseEmbeddingModel({ ...model, mean: model.mean.slice(1) })).toThrow(/mean must hold/);
    expect(() => parseEmbeddingModel({ ...model, projection: model.projection.slice(1) })).toThrow(/projection must have/);
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
