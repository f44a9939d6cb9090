// Where the embeddings are searched: the local HNSW index beside the catalogue (one machine), or a
// Chroma collection (a studio's shared server, chroma-store.ts). Either way the catalogue stays the
// source of truth and the store only mirrors it: `syncWith` brings a store back in line after any
// change, so a lost or stale store is always rebuilt, never trusted over the catalogue.
import { createHash } from 'node:crypto';
import type { Catalogue } from '../catalogue/catalogue.js';
import { TOMBSTONE_REBUILD_FRACTION, VectorIndex, type Neighbour } from './vector-index.js';

export type { Neighbour } from './vector-index.js';

/** What a store keeps beside each vector: the fields searches filter on, and the path for people reading the store directly. */
export interface VectorMetadata {
  category: string | null;
  kind: string | null;
  genre: string | null;
  path: string;
}

export interface VectorItem {
  /** The catalogue's sample id. */
  id: number;
  embedding: Float32Array;
  metadata: VectorMetadata;
}

export interface VectorFilter {
  category?: string;
  kind?: string;
  /** Leave this sample out (the query sample itself). */
  excludeId?: number;
}

/** What an index run writes as it commits each file (synchronously, beside the catalogue write). */
export interface VectorSink {
  upsert(id: number, embedding: Float32Array): void;
  remove(id: number): void;
}

export interface SyncReport {
  upserted: number;
  removed: number;
  total: number;
}

export interface VectorStore {
  readonly kind: 'local' | 'chroma';
  /** Where the vectors live, for stats and messages (a file path or a server URL + collection). */
  readonly location: string;
  upsert(items: readonly VectorItem[]): Promise<void>;
  remove(ids: readonly number[]): Promise<void>;
  /** Up to k nearest samples (cosine distance, 0 = identical) that pass the filter. */
  search(query: Float32Array, k: number, filter?: VectorFilter): Promise<Neighbour[]>;
  count(): Promise<number>;
  /** The sink an index run writes into; the run ends with `syncWith`. */
  runSink(): VectorSink;
  /**
   * Makes the store mirror the catalogue (after an index run or another process's run). With `ids`,
   * only those samples are re-sent (a label correction): no full diff for a one-row change.
   */
  syncWith(catalogue: Catalogue, ids?: readonly number[]): Promise<SyncReport>;
  close(): Promise<void>;
}

const LABEL_BATCH = 500;

/**
 * Every embedded sample with the metadata a store keeps, in id order. The embeddings are read first
 * (an open SQLite iterator would block the label look-ups on the same connection), then labelled in batches.
 */
export function catalogueVectorItems(catalogue: Catalogue): VectorItem[] {
  const embedded = [...catalogue.iterateEmbeddings()];
  const items: VectorItem[] = [];
  for (let start = 0; start < embedded.length; start += LABEL_BATCH) {
    const batch = embedded.slice(start, start + LABEL_BATCH);
    const samples = catalogue.getSamples(batch.map((v) => v.id));
    for (const v of batch) {
      const sample = samples.get(v.id);
      if (!sample) continue;
      items.push({
        id: v.id,
        embedding: v.embedding,
        metadata: { category: sample.category?.value ?? null, kind: sample.kind, genre: sample.genre?.value ?? null, path: sample.path },
      });
    }
  }
  return items;
}

/** The given samples as a store keeps them; ids without an embedding (gone, or failed) are left out. */
export function catalogueVectorItemsFor(catalogue: Catalogue, ids: readonly number[]): VectorItem[] {
  const samples = catalogue.getSamples(ids);
  return ids.flatMap((id) => {
    const sample = samples.get(id);
    const embedding = sample ? catalogue.getEmbedding(id) : null;
    if (!sample || !embedding) return [];
    return [{
      id,
      embedding,
      metadata: { category: sample.category?.value ?? null, kind: sample.kind, genre: sample.genre?.value ?? null, path: sample.path },
    }];
  });
}

/** A short digest of everything a store keeps for one sample: equal digests mean nothing to re-send. */
export function itemFingerprint(item: VectorItem): string {
  const { category, kind, genre, path } = item.metadata;
  return createHash('sha1')
    .update(new Uint8Array(item.embedding.buffer, item.embedding.byteOffset, item.embedding.byteLength))
    .update(JSON.stringify([category, kind, genre, path]))
    .digest('hex')
    .slice(0, 20);
}

/**
 * The HNSW index file beside the catalogue. Filters are answered from the catalogue during the
 * graph search (hnswlib calls back per candidate), so labels never need copying into the index.
 */
export class LocalVectorStore implements VectorStore {
  readonly kind = 'local';
  private index: VectorIndex;
  /** The catalogue embedding generation the in-memory index mirrors. */
  private generation = -1;
  /** Written to by a run (or upsert/remove) since the last save: newer than the file, so never reloaded over. */
  private dirty = false;

  constructor(
    private readonly catalogue: Catalogue,
    private readonly file: string,
    readonly dimension: number,
  ) {
    this.index = this.loadOrRebuild();
  }

  get location(): string {
    return this.file;
  }

  /** The persisted index when it mirrors the catalogue; otherwise rebuilt from the catalogue (and saved). */
  private loadOrRebuild(): VectorIndex {
    const generation = this.catalogue.embeddingGeneration();
    const count = this.catalogue.countEmbedded();
    const loaded = VectorIndex.load(this.file, { dimension: this.dimension, count, generation });
    this.generation = generation;
    if (loaded) return loaded;
    const rebuilt = VectorIndex.build(this.dimension, this.catalogue.iterateEmbeddings(), count + 1024);
    try {
      rebuilt.save(this.file, generation);
    } catch {
      // A read-only library folder still searches; it just rebuilds next time.
    }
    return rebuilt;
  }

  /** Another process (a CLI run beside the app or server) may have changed the catalogue: follow it. */
  private current(): VectorIndex {
    if (!this.dirty && this.catalogue.embeddingGeneration() !== this.generation) this.index = this.loadOrRebuild();
    return this.index;
  }

  runSink(): VectorSink {
    const index = this.current();
    this.dirty = true;
    return index;
  }

  async upsert(items: readonly VectorItem[]): Promise<void> {
    const index = this.current();
    this.dirty = true;
    for (const item of items) index.upsert(item.id, item.embedding);
  }

  async remove(ids: readonly number[]): Promise<void> {
    const index = this.current();
    this.dirty = true;
    for (const id of ids) index.remove(id);
  }

  async search(query: Float32Array, k: number, filter: VectorFilter = {}): Promise<Neighbour[]> {
    const { category, kind, excludeId } = filter;
    const labelled = category !== undefined || kind !== undefined;
    const accept = labelled || excludeId !== undefined
      ? (id: number): boolean => {
          if (id === excludeId) return false;
          if (!labelled) return true;
          const sample = this.catalogue.getSample(id);
          return !!sample && (!category || sample.category?.value === category) && (!kind || sample.kind === kind);
        }
      : undefined;
    return this.current().search(query, k, accept);
  }

  async count(): Promise<number> {
    return this.current().size;
  }

  /** Saves what a run wrote (compacting deletions once they are many), or reloads when another process changed the catalogue. */
  async syncWith(catalogue: Catalogue): Promise<SyncReport> {
    if (catalogue !== this.catalogue) throw new Error('a local vector store follows the catalogue it was opened with');
    if (!this.dirty) {
      this.current();
      return { upserted: 0, removed: 0, total: this.index.size };
    }
    const generation = this.catalogue.embeddingGeneration();
    // Deleted points linger as tombstones in HNSW; past a share of the graph a rebuild from the catalogue compacts them away.
    if (this.index.tombstoneFraction > TOMBSTONE_REBUILD_FRACTION) {
      this.index = VectorIndex.build(this.dimension, this.catalogue.iterateEmbeddings(), this.catalogue.countEmbedded() + 1024);
    }
    this.index.save(this.file, generation);
    this.generation = generation;
    this.dirty = false;
    return { upserted: 0, removed: 0, total: this.index.size };
  }

  async close(): Promise<void> {
    // Nothing held open: the index file is written whole by syncWith.
  }
}
