// The vector index: an HNSW graph (hnswlib-node) over the catalogue's embeddings, persisted beside
// the catalogue. It is derived data: whenever it disagrees with the catalogue (a crash between the
// two writes, a missing or damaged file) it is rebuilt from the catalogue.
import hnswlib from 'hnswlib-node';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { processAlive } from '../catalogue/library-lock.js';

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

/** What `save` writes beside the index: the stamp plus a hash of the exact index bytes it goes with. */
interface SavedStamp extends IndexStamp {
  sha1: string;
  /** Labels marked deleted in the graph (hnswlib keeps them in its label list); absent before tombstones were kept. */
  deleted?: number[];
}

/**
 * Deleted points stay in the graph as tombstones (still used to navigate, never returned) until
 * they are this share of it; then the owner rebuilds. Rebuilding on every deletion made removing
 * one file from a 100k library a 60–90 s HNSW build.
 */
export const TOMBSTONE_REBUILD_FRACTION = 0.1;

function fileSha1(file: string): string {
  return createHash('sha1').update(readFileSync(file)).digest('hex');
}

/** Distinguishes the temporary files of concurrent saves (processes, threads, calls). */
let saveCount = 0;

/** Removes the temp files of saves whose process was killed mid-write (each is a whole index). */
function removeOrphanedTemps(file: string): void {
  const prefix = `${basename(file)}.`;
  for (const name of readdirSync(dirname(file))) {
    const match = /^(?:\.json)?\.(\d+)-\d+-\d+\.tmp$/.exec(name.startsWith(prefix) ? name.slice(prefix.length - 1) : '');
    if (match && Number(match[1]) !== process.pid && !processAlive(Number(match[1]))) rmSync(join(dirname(file), name), { force: true });
  }
}

/**
 * HNSW build parameters (M, efConstruction): the graph's quality; the search breadth is chosen per
 * size below. M 32 rather than 16 since the embedding grew to 64 dimensions: at 100k vectors M 16
 * needed ef 600 for recall 0.98 (uniform vectors: 0.976), M 32 reaches 0.98 by ef 300 for the same
 * search time per query, for 64 more bytes of links per vector.
 */
const M = 32;
const EF_CONSTRUCTION = 200;
const MIN_EF_SEARCH = 160;

/**
 * The search breadth that keeps recall@10 ≥ 0.98 as the index grows (64 dimensions, M 32, measured
 * on clustered and on uniform vectors, the hardest case): 160 up to ~20k (recall 0.993 / 0.996 at
 * 10k), then 1.1·√n: ~350 at 100k (0.98–0.99), ~1100 at 1M.
 */
export function efSearchFor(size: number): number {
  return Math.max(MIN_EF_SEARCH, Math.round(1.1 * Math.sqrt(size)));
}

export interface BuildOptions {
  /** Lower builds faster with a coarser graph (the bench's 1M build on a busy machine); defaults to 200. */
  efConstruction?: number;
}

export class VectorIndex {
  private index: Hnsw;
  private capacity: number;
  private readonly ids = new Set<number>();
  /** Labels marked deleted in the graph, not since re-added. */
  private readonly deleted = new Set<number>();

  private constructor(readonly dimension: number, capacity: number, efConstruction = EF_CONSTRUCTION) {
    this.capacity = Math.max(capacity, 1024);
    this.index = new HierarchicalNSW('cosine', dimension);
    this.index.initIndex(this.capacity, M, efConstruction, 100, false);
    this.index.setEf(MIN_EF_SEARCH);
  }

  static empty(dimension: number, capacity = 1024): VectorIndex {
    return new VectorIndex(dimension, capacity);
  }

  static build(dimension: number, vectors: Iterable<IndexedVector>, sizeHint = 1024, options: BuildOptions = {}): VectorIndex {
    const index = new VectorIndex(dimension, sizeHint, options.efConstruction);
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
      const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as SavedStamp;
      if (stamp.dimension !== expected.dimension || stamp.count !== expected.count || stamp.generation !== expected.generation) {
        return null;
      }
      // Several processes save this file (the indexer, and a server or app that rebuilt it): their
      // index and stamp renames can interleave, pairing one's stamp with the other's index. The hash
      // ties the stamp to the bytes it was written with; an index file is never written in place
      // (always renamed over), so an unchanged inode afterwards means the bytes loaded are the ones hashed.
      const before = statSync(file);
      if (fileSha1(file) !== stamp.sha1) return null;
      const loaded = new VectorIndex(expected.dimension, 1);
      loaded.index.readIndexSync(file, false);
      const after = statSync(file);
      if (after.ino !== before.ino || after.mtimeMs !== before.mtimeMs || after.size !== before.size) return null;
      loaded.capacity = loaded.index.getMaxElements();
      for (const label of stamp.deleted ?? []) loaded.deleted.add(label);
      for (const label of loaded.index.getIdsList()) if (!loaded.deleted.has(label)) loaded.ids.add(label);
      if (loaded.ids.size !== expected.count) return null;
      return loaded;
    } catch {
      return null;
    }
  }

  /**
   * Writes index then stamp, each atomically (temp file + rename), stamp last: a crash leaves a
   * stale stamp, never a wrong one. Temp names are unique per process, thread and call: a server
   * rebuilding the index while the indexer saves it used to share one temp file, interleaving their
   * bytes under a valid stamp or failing the indexer's rename (ENOENT) at the end of its run.
   */
  save(file: string, generation: number): void {
    const token = `${process.pid}-${threadId}-${++saveCount}`;
    const tmp = `${file}.${token}.tmp`;
    const stampTmp = `${file}.json.${token}.tmp`;
    rmSync(`${file}.json`, { force: true });
    try {
      this.index.writeIndexSync(tmp);
      const stamp: SavedStamp = { dimension: this.dimension, count: this.ids.size, generation, sha1: fileSha1(tmp), deleted: [...this.deleted] };
      renameSync(tmp, file);
      writeFileSync(stampTmp, JSON.stringify(stamp));
      renameSync(stampTmp, `${file}.json`);
      removeOrphanedTemps(file);
    } finally {
      // Only left behind when writing failed (disk full); a killed process may still leave one.
      rmSync(tmp, { force: true });
      rmSync(stampTmp, { force: true });
    }
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
    if (this.index.getCurrentCount() + 1 > this.capacity) {
      this.capacity = Math.ceil(this.capacity * 1.5) + 1;
      this.index.resizeIndex(this.capacity);
    }
    // addPoint with an existing label (live or marked deleted) updates that point in place.
    this.index.addPoint(Array.from(embedding), id, false);
    this.ids.add(id);
    this.deleted.delete(id);
  }

  remove(id: number): void {
    if (!this.ids.has(id)) return;
    this.index.markDelete(id);
    this.ids.delete(id);
    this.deleted.add(id);
  }

  /** Tombstones' share of the graph (see TOMBSTONE_REBUILD_FRACTION). */
  get tombstoneFraction(): number {
    const total = this.ids.size + this.deleted.size;
    return total === 0 ? 0 : this.deleted.size / total;
  }

  /** k nearest neighbours; an optional filter keeps only accepted ids (hnswlib applies it during the search). */
  search(query: Float32Array, k: number, accept?: (id: number) => boolean): Neighbour[] {
    const n = Math.min(k, this.ids.size);
    if (n <= 0) return [];
    this.index.setEf(Math.max(efSearchFor(this.ids.size), n));
    const result = this.index.searchKnn(Array.from(query), n, accept);
    return result.neighbors.map((id, i) => ({ id, distance: result.distances[i] }));
  }

  setEfSearch(ef: number): void {
    this.index.setEf(ef);
  }
}
