// The vector index: an HNSW graph (hnswlib-node) over the catalogue's embeddings, persisted beside
// the catalogue. It is derived data: whenever it disagrees with the catalogue (a crash between the
// two writes, a missing or damaged file) it is rebuilt from the catalogue.
import hnswlib from 'hnswlib-node';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

export interface IndexedVector {
  id: number;
  embedding: Float32Array;
}

export interface Neighbour {
  id: number;
  /** Cosine distance: 0 identical, 2 opposite. */
  distance: number;
}

interface IndexStamp {
  dimension: number;
  count: number;
  generation: number;
}

/** HNSW build parameters: M=16, efConstruction=200 give recall@10 ≥ 0.98 at efSearch ≥ 64 (see bench). */
const M = 16;
const EF_CONSTRUCTION = 200;
const DEFAULT_EF_SEARCH = 96;

export class VectorIndex {
  private index: Hnsw;
  private capacity: number;
  private readonly ids = new Set<number>();
  private deletions = 0;

  private constructor(readonly dimension: number, capacity: number) {
    this.capacity = Math.max(capacity, 1024);
    this.index = new HierarchicalNSW('cosine', dimension);
    this.index.initIndex(this.capacity, M, EF_CONSTRUCTION, 100, false);
    this.index.setEf(DEFAULT_EF_SEARCH);
  }

  static empty(dimension: number, capacity = 1024): VectorIndex {
    return new VectorIndex(dimension, capacity);
  }

  static build(dimension: number, vectors: Iterable<IndexedVector>, sizeHint = 1024): VectorIndex {
    const index = new VectorIndex(dimension, sizeHint);
    for (const v of vectors) index.upsert(v.id, v.embedding);
    return index;
  }

  /**
   * Loads the persisted index when its stamp matches what the catalogue says it should mirror;
   * returns null when it must be rebuilt.
   */
  static load(file: string, expected: IndexStamp): VectorIndex | null {
    const stampFile = `${file}.json`;
    if (!existsSync(file) || !existsSync(stampFile)) return null;
    try {
      const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as IndexStamp;
      if (stamp.dimension !== expected.dimension || stamp.count !== expected.count || stamp.generation !== expected.generation) {
        return null;
      }
      const loaded = new VectorIndex(expected.dimension, 1);
      loaded.index.readIndexSync(file, false);
      loaded.capacity = loaded.index.getMaxElements();
      loaded.index.setEf(DEFAULT_EF_SEARCH);
      for (const label of loaded.index.getIdsList()) loaded.ids.add(label);
      if (loaded.ids.size !== expected.count) return null;
      return loaded;
    } catch {
      return null;
    }
  }

  /** Writes index then stamp, each atomically (temp file + rename), stamp last: a crash leaves a stale stamp, never a wrong one. */
  save(file: string, generation: number): void {
    rmSync(`${file}.json`, { force: true });
    const tmp = `${file}.tmp`;
    this.index.writeIndexSync(tmp);
    renameSync(tmp, file);
    const stamp: IndexStamp = { dimension: this.dimension, count: this.ids.size, generation };
    writeFileSync(`${file}.json.tmp`, JSON.stringify(stamp));
    renameSync(`${file}.json.tmp`, `${file}.json`);
  }

  get size(): number {
    return this.ids.size;
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }

  upsert(id: number, embedding: Float32Array): void {
    if (embedding.length !== this.dimension) {
      throw new Error(`embedding has ${embedding.length} dimensions, the index ${this.dimension}`);
    }
    if (this.ids.size + 1 > this.capacity) {
      this.capacity = Math.ceil(this.capacity * 1.5) + 1;
      this.index.resizeIndex(this.capacity);
    }
    // addPoint with an existing label (live or marked deleted) updates that point in place.
    this.index.addPoint(Array.from(embedding), id, false);
    this.ids.add(id);
  }

  remove(id: number): void {
    if (!this.ids.has(id)) return;
    this.index.markDelete(id);
    this.ids.delete(id);
    this.deletions++;
  }

  /** Deleted points stay in the graph as tombstones; the owner rebuilds (compacts) before saving. */
  get hasTombstones(): boolean {
    return this.deletions > 0;
  }

  /** k nearest neighbours; an optional filter keeps only accepted ids (hnswlib applies it during the search). */
  search(query: Float32Array, k: number, accept?: (id: number) => boolean): Neighbour[] {
    const n = Math.min(k, this.ids.size);
    if (n <= 0) return [];
    const ef = Math.max(DEFAULT_EF_SEARCH, n);
    this.index.setEf(ef);
    const result = this.index.searchKnn(Array.from(query), n, accept);
    return result.neighbors.map((id, i) => ({ id, distance: result.distances[i] }));
  }

  setEfSearch(ef: number): void {
    this.index.setEf(ef);
  }
}
