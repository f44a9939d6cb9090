import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorIndex } from './vector-index.js';
import { createRandom } from '../../../src-shared/seeded-random.js';

function randomUnitVectors(count: number, dimension: number, seed = 1): Float32Array[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const v = new Float32Array(dimension);
    let norm = 0;
    for (let i = 0; i < dimension; i++) {
      v[i] = random() * 2 - 1;
      norm += v[i] * v[i];
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < dimension; i++) v[i] /= norm;
    return v;
  });
}

function exactNearest(vectors: Float32Array[], query: Float32Array, k: number): number[] {
  return vectors
    .map((v, i) => ({ id: i + 1, d: 1 - v.reduce((acc, x, j) => acc + x * query[j], 0) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, k)
    .map((x) => x.id);
}

describe('VectorIndex', () => {
  const dimension = 32;
  const vectors = randomUnitVectors(2000, dimension);
  const built = VectorIndex.build(dimension, vectors.map((embedding, i) => ({ id: i + 1, embedding })));

  it('finds the exact nearest neighbours with recall@10 >= 0.98', () => {
    const queries = randomUnitVectors(50, dimension, 99);
    let hits = 0;
    for (const q of queries) {
      const expected = new Set(exactNearest(vectors, q, 10));
      hits += built.search(q, 10).filter((n) => expected.has(n.id)).length;
    }
    expect(hits / (queries.length * 10)).toBeGreaterThanOrEqual(0.98);
  });

  it('returns a point itself at distance ~0 and honours a filter', () => {
    const [first] = built.search(vectors[41], 1);
    expect(first.id).toBe(42);
    expect(first.distance).toBeLessThan(1e-5);
    const filtered = built.search(vectors[41], 5, (id) => id % 2 === 1);
    expect(filtered).toHaveLength(5);
    expect(filtered.every((n) => n.id % 2 === 1)).toBe(true);
  });

  it('persists and reloads only when the stamp matches the catalogue', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdx-vec-'));
    const file = join(dir, 'vectors.hnsw');
    built.save(file, 7);
    const loaded = VectorIndex.load(file, { dimension, count: 2000, generation: 7 });
    expect(loaded).not.toBeNull();
    expect(loaded!.search(vectors[10], 1)[0].id).toBe(11);
    expect(VectorIndex.load(file, { dimension, count: 2000, generation: 8 })).toBeNull();
    expect(VectorIndex.load(file, { dimension, count: 1999, generation: 7 })).toBeNull();
    expect(VectorIndex.load(join(dir, 'missing.hnsw'), { dimension, count: 0, generation: 0 })).toBeNull();
  });

  it('updates, removes and grows past its initial capacity', () => {
    const index = VectorIndex.empty(dimension, 4);
    vectors.slice(0, 3000 > vectors.length ? vectors.length : 3000).forEach((v, i) => index.upsert(i + 1, v));
    expect(index.size).toBe(2000);
    index.remove(5);
    expect(index.has(5)).toBe(false);
    expect(index.search(vectors[4], 3).some((n) => n.id === 5)).toBe(false);
    expect(index.tombstoneFraction).toBeCloseTo(1 / 2000, 6);
    index.upsert(5, vectors[4]);
    expect(index.search(vectors[4], 1)[0].id).toBe(5);
    expect(index.tombstoneFraction).toBe(0);
    expect(() => index.upsert(9999, new Float32Array(3))).toThrow(/dimensions/);
  });

  it('keeps tombstones through save and load: deleted labels stay out of the count and of results, and can come back', () => {
    const index = VectorIndex.build(dimension, vectors.slice(0, 500).map((embedding, i) => ({ id: i + 1, embedding })));
    for (const id of [3, 40, 41]) index.remove(id);
    const file = join(mkdtempSync(join(tmpdir(), 'sdx-vec-')), 'vectors.hnsw');
    index.save(file, 3);
    const loaded = VectorIndex.load(file, { dimension, count: 497, generation: 3 })!;
    expect(loaded).not.toBeNull();
    expect(loaded.size).toBe(497);
    expect(loaded.has(40)).toBe(false);
    expect(loaded.tombstoneFraction).toBeCloseTo(3 / 500, 6);
    expect(loaded.search(vectors[39], 10).map((n) => n.id)).not.toContain(40);
    loaded.remove(40); // already gone: a no-op, not hnswlib's "already deleted" error
    loaded.upsert(40, vectors[39]);
    expect(loaded.search(vectors[39], 1)[0].id).toBe(40);
    expect(loaded.size).toBe(498);
  });
});
