// A Chroma collection as the vector store, for a studio whose library has outgrown one laptop: the
// embeddings and the labels searches filter on live on a shared Chroma server. One collection per
// library, owned by that library's catalogue id, so a sync (which deletes what the catalogue no
// longer has) can never wipe another library's vectors.
import { ChromaClient, type Collection, type Metadata, type Where } from 'chromadb';
import type { Catalogue } from '../catalogue/catalogue.js';
import { efSearchFor, type Neighbour } from './vector-index.js';
import {
  catalogueVectorItems, catalogueVectorItemsFor, itemFingerprint, type SyncReport, type VectorFilter, type VectorItem, type VectorSink, type VectorStore,
} from './vector-store.js';

export interface ChromaStoreOptions {
  /** e.g. http://chroma.studio.lan:8000 */
  url: string;
  /** The library's stable id (catalogue meta `library_id`): the collection records it as its owner. */
  libraryId: string;
  /** Used to name the collection when none is given. */
  libraryName: string;
  dimension: number;
  /** Defaults to sampledex-<library name>-<first 8 of the library id>. */
  collection?: string;
  /** Records per upsert/delete request. */
  batchSize?: number;
}

/** Metadata as stored: Chroma's where-filters match strings, so a missing label is '' (matches no filter). */
interface StoredMetadata extends Metadata {
  category: string;
  kind: string;
  genre: string;
  path: string;
  /** itemFingerprint of what was sent: the sync diff compares these instead of downloading vectors. */
  fp: string;
}

const DEFAULT_BATCH = 500;
/** Pages of this many ids+metadata when listing the collection for a sync. */
const LIST_PAGE = 2000;
/**
 * As the local index (vector-index.ts): M 32, efConstruction 200. Chroma fixes the search breadth
 * per collection, so it gets the local index's breadth for 100k vectors (recall@10 ≥ 0.98 up to there).
 */
const HNSW = { space: 'cosine' as const, max_neighbors: 32, ef_construction: 200, ef_search: efSearchFor(100_000) };
const OWNER_KEY = 'sampledex_library';

/** Chroma names: 3–512 of [a-zA-Z0-9._-], starting and ending alphanumeric. */
export function defaultCollectionName(libraryName: string, libraryId: string): string {
  const slug = libraryName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 60);
  return `sampledex-${slug || 'library'}-${libraryId.replace(/[^a-z0-9]/gi, '').slice(0, 8).toLowerCase()}`;
}

function clientArgs(url: string): { host: string; port: number; ssl: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not a Chroma server URL: ${url} (expected e.g. http://127.0.0.1:8000)`);
  }
  const ssl = parsed.protocol === 'https:';
  if (!ssl && parsed.protocol !== 'http:') throw new Error(`Chroma URL must be http(s): ${url}`);
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port ? Number(parsed.port) : ssl ? 443 : 80, ssl };
}

function toStored(item: VectorItem): StoredMetadata {
  const { category, kind, genre, path } = item.metadata;
  return { category: category ?? '', kind: kind ?? '', genre: genre ?? '', path, fp: itemFingerprint(item) };
}

function toWhere(filter: VectorFilter): Where | undefined {
  const clauses: Where[] = [];
  if (filter.category !== undefined) clauses.push({ category: filter.category });
  if (filter.kind !== undefined) clauses.push({ kind: filter.kind });
  if (clauses.length === 0) return undefined;
  return clauses.length === 1 ? clauses[0] : { $and: clauses };
}

export class ChromaVectorStore implements VectorStore {
  readonly kind = 'chroma';
  readonly location: string;
  readonly collectionName: string;
  private readonly client: ChromaClient;
  private readonly batchSize: number;
  private collectionPromise: Promise<Collection> | null = null;
  /** Syncs run one at a time: two overlapping diffs would both send (and delete) the same rows. */
  private syncChain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ChromaStoreOptions) {
    this.client = new ChromaClient(clientArgs(options.url));
    this.collectionName = options.collection ?? defaultCollectionName(options.libraryName, options.libraryId);
    this.location = `${options.url.replace(/\/+$/, '')} (collection ${this.collectionName})`;
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  }

  /** Connects on first use; a failure is reported with the URL and retried on the next call. */
  private collection(): Promise<Collection> {
    this.collectionPromise ??= this.connect().catch((error: unknown) => {
      this.collectionPromise = null;
      throw error;
    });
    return this.collectionPromise;
  }

  private async connect(): Promise<Collection> {
    try {
      await this.client.heartbeat();
    } catch (error) {
      throw new Error(`cannot reach the Chroma server at ${this.options.url}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const collection = await this.client.getOrCreateCollection({
      name: this.collectionName,
      // We send our own embeddings; null keeps the client from loading its default text-embedding model.
      embeddingFunction: null,
      configuration: { hnsw: { ...HNSW } },
      metadata: { [OWNER_KEY]: this.options.libraryId, dimension: this.options.dimension },
    });
    const owner = collection.metadata?.[OWNER_KEY];
    if (owner !== this.options.libraryId) {
      throw new Error(`Chroma collection ${this.collectionName} belongs to another library (${String(owner)}); choose another collection name`);
    }
    const space = collection.configuration.hnsw?.space;
    if (space && space !== 'cosine') throw new Error(`Chroma collection ${this.collectionName} uses ${space} distance, not cosine`);
    return collection;
  }

  runSink(): VectorSink {
    // Runs write the catalogue only; syncWith sends the changes in batches when the run ends,
    // instead of one HTTP request per file inside the run's synchronous commit.
    return { upsert: () => undefined, remove: () => undefined };
  }

  async upsert(items: readonly VectorItem[]): Promise<void> {
    const collection = await this.collection();
    for (let start = 0; start < items.length; start += this.batchSize) {
      const batch = items.slice(start, start + this.batchSize);
      await collection.upsert({
        ids: batch.map((item) => String(item.id)),
        embeddings: batch.map((item) => Array.from(item.embedding)),
        metadatas: batch.map(toStored),
      });
    }
  }

  async remove(ids: readonly number[]): Promise<void> {
    const collection = await this.collection();
    for (let start = 0; start < ids.length; start += this.batchSize) {
      await collection.delete({ ids: ids.slice(start, start + this.batchSize).map(String) });
    }
  }

  async search(query: Float32Array, k: number, filter: VectorFilter = {}): Promise<Neighbour[]> {
    if (k <= 0) return [];
    const collection = await this.collection();
    // One extra result stands in for the excluded sample (the query itself), dropped below.
    const wanted = k + (filter.excludeId !== undefined ? 1 : 0);
    const result = await collection.query({
      queryEmbeddings: [Array.from(query)],
      nResults: wanted,
      where: toWhere(filter),
      include: ['distances'],
    });
    const ids = result.ids[0] ?? [];
    const distances = result.distances[0] ?? [];
    const neighbours: Neighbour[] = [];
    for (let i = 0; i < ids.length && neighbours.length < k; i++) {
      const id = Number(ids[i]);
      if (id === filter.excludeId || !Number.isInteger(id)) continue;
      neighbours.push({ id, distance: distances[i] ?? Number.NaN });
    }
    return neighbours;
  }

  async count(): Promise<number> {
    return (await this.collection()).count();
  }

  /** Every id in the collection with the fingerprint it was sent with. */
  private async storedFingerprints(collection: Collection): Promise<Map<string, string>> {
    const stored = new Map<string, string>();
    for (let offset = 0; ; offset += LIST_PAGE) {
      const page = await collection.get<StoredMetadata>({ include: ['metadatas'], limit: LIST_PAGE, offset });
      page.ids.forEach((id, i) => stored.set(id, page.metadatas[i]?.fp ?? ''));
      if (page.ids.length < LIST_PAGE) return stored;
    }
  }

  /**
   * A full diff by id: lists the collection's ids and fingerprints (no vectors), re-sends the rows
   * whose fingerprint differs and deletes ids the catalogue no longer has. At 100k samples that is
   * ~50 list requests of 2,000 (a few MB of metadata) plus hashing 100k embeddings locally: seconds,
   * and only the changed rows travel. Simpler than tracking per-row change stamps, and it also heals
   * a collection someone edited or emptied by hand.
   */
  syncWith(catalogue: Catalogue, ids?: readonly number[]): Promise<SyncReport> {
    const run = this.syncChain.then(() => (ids ? this.sendSome(catalogue, ids) : this.diffAndSend(catalogue)));
    this.syncChain = run.catch(() => undefined);
    return run;
  }

  private async sendSome(catalogue: Catalogue, ids: readonly number[]): Promise<SyncReport> {
    const items = catalogueVectorItemsFor(catalogue, ids);
    const present = new Set(items.map((item) => item.id));
    const gone = ids.filter((id) => !present.has(id));
    await this.upsert(items);
    await this.remove(gone);
    return { upserted: items.length, removed: gone.length, total: await this.count() };
  }

  private async diffAndSend(catalogue: Catalogue): Promise<SyncReport> {
    const collection = await this.collection();
    const stored = await this.storedFingerprints(collection);
    // The catalogue is read in one synchronous pass, so no other caller sees it half-way.
    const items = catalogueVectorItems(catalogue);
    const changed = items.filter((item) => stored.get(String(item.id)) !== itemFingerprint(item));
    const present = new Set(items.map((item) => String(item.id)));
    const gone = [...stored.keys()].filter((id) => !present.has(id));
    await this.upsert(changed);
    for (let start = 0; start < gone.length; start += this.batchSize) {
      await collection.delete({ ids: gone.slice(start, start + this.batchSize) });
    }
    return { upserted: changed.length, removed: gone.length, total: items.length };
  }

  async close(): Promise<void> {
    await this.syncChain;
  }
}
