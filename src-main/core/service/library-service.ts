// The composition root of the core: one LibraryService per open library implements LibraryApi for
// every front door (Electron IPC, HTTP server, CLI). No module-level state.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  Disposer, IndexProgress, IndexSummary, LibraryApi, LibraryStats, SamplePage, SampleQuery, SimilarOptions, SoundMapPoint,
} from '../../../src-shared/api.js';
import type { SampleRecord, SearchHit } from '../../../src-shared/sample.js';
import { LibraryError } from '../../../src-shared/errors.js';
import { Catalogue } from '../catalogue/catalogue.js';
import { LibraryLock } from '../catalogue/library-lock.js';
import { LocalVectorStore, type VectorStore } from '../index/vector-store.js';
import { ChromaVectorStore } from '../index/chroma-store.js';
import { EMBEDDING_MODEL_FILE, parseEmbeddingModel, type EmbeddingModel } from '../embed/index.js';
import { WorkerPool, WorkerTaskError } from '../pipeline/worker-pool.js';
import type { AnalysisWorkerData, AnalysisWorkerMethods } from '../pipeline/analysis-worker.js';
import { findResourcesDir, loadAnalysisResources } from '../pipeline/analysis-resources.js';
import type { CategoryModel } from '../models/category.js';
import { soundMap, type MapPoint } from '../models/sound-map.js';
import { runIndex } from '../pipeline/index-run.js';
import { refreshGenres } from '../pipeline/refresh-genres.js';
import { modelOutputsAreStale, modelsStamp, refreshModelOutputs } from '../pipeline/refresh-model-outputs.js';
import { isCategory } from '../../../src-shared/taxonomy.js';
import { libraryFiles, type LibraryFiles } from './library-paths.js';
import { FolderWatcher } from './folder-watcher.js';

export interface LibraryServiceOptions {
  libraryDir: string;
  resourcesDir?: string;
  /** Analysis worker threads; defaults to one per core. */
  workers?: number;
  /** Where "find similar" searches: the local index file (default) or a shared Chroma server's collection. */
  store?: StoreOptions;
  /** Says what a long open is doing (updating the library to new models), for a terminal or a log. */
  log?: (line: string) => void;
}

export type StoreOptions = { kind: 'local' } | { kind: 'chroma'; url: string; collection?: string };

/** A file may take at most this long to analyse before its worker is replaced (a decoder stuck on garbage). */
const TASK_TIMEOUT_MS = 120_000;
const MAX_NEIGHBOURS = 1000;

/** The bundled analysis worker: beside this bundle in out/node, or built there from source by build:node. */
function resolveWorkerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const sibling = join(here, 'analysis-worker.js');
  if (existsSync(sibling)) return sibling;
  let dir = here;
  for (;;) {
    const built = join(dir, 'out', 'node', 'analysis-worker.js');
    if (existsSync(built)) return built;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('analysis worker not built: run `npm run build:node`');
    dir = parent;
  }
}

export async function openLibrary(options: LibraryServiceOptions): Promise<LibraryService> {
  const dir = resolve(options.libraryDir);
  mkdirSync(dir, { recursive: true });
  const resourcesDir = options.resourcesDir ?? findResourcesDir();
  const model = parseEmbeddingModel(JSON.parse(readFileSync(join(resourcesDir, EMBEDDING_MODEL_FILE), 'utf8')));
  const service = new LibraryService(libraryFiles(dir), resourcesDir, model, options.workers, options.store);
  try {
    service.refreshStaleModelOutputs(options.log);
    // A shared store may have missed changes (or be new or emptied): bring it in line now, and
    // report an unreachable server at open rather than at the first search.
    await service.syncStore();
  } catch (error) {
    await service.close();
    throw error;
  }
  return service;
}

/** A stable id for the library, kept in its catalogue: a shared Chroma collection records which library owns it. */
function libraryId(catalogue: Catalogue): string {
  let id = catalogue.getMeta('library_id');
  if (!id) {
    id = randomUUID();
    catalogue.setMeta('library_id', id);
  }
  return id;
}

export class LibraryService implements LibraryApi {
  readonly catalogue: Catalogue;
  readonly dimension: number;
  /** Mirrors the catalogue's embeddings and labels; every search goes through it. */
  readonly store: VectorStore;
  /** The catalogue embedding generation the store was last synced to (another process may index beside us). */
  private storeGeneration = -1;
  /** While this process indexes, the run writes the store as it goes (local) or syncs it at the end (Chroma). */
  private indexing = false;
  private pool: WorkerPool<AnalysisWorkerMethods> | null = null;
  private readonly progressListeners = new Set<(progress: IndexProgress) => void>();
  private loadedCategoryModel: CategoryModel | null | undefined;
  private cachedMap: { generation: number; points: MapPoint[] } | null = null;

  constructor(
    readonly files: LibraryFiles,
    private readonly resourcesDir: string,
    /** The shipped embedding; its feature transform also feeds the genre model. */
    private readonly embeddingModel: EmbeddingModel,
    private readonly workerCount?: number,
    storeOptions: StoreOptions = { kind: 'local' },
  ) {
    this.dimension = embeddingModel.dimension;
    this.catalogue = new Catalogue(files.catalogue);
    this.store = storeOptions.kind === 'chroma'
      ? new ChromaVectorStore({
          url: storeOptions.url,
          collection: storeOptions.collection,
          libraryId: libraryId(this.catalogue),
          libraryName: basename(files.dir),
          dimension: this.dimension,
        })
      : new LocalVectorStore(this.catalogue, files.vectors, this.dimension);
  }

  /**
   * Brings the store in line with the catalogue (the source of truth); see VectorStore.syncWith.
   * Skipped during this process's own index run: the run ends with a sync, and a sync half-way
   * (a local save or compaction) would cut the run off from the index it is writing into.
   */
  async syncStore(ids?: readonly number[]): Promise<void> {
    if (this.indexing) return;
    const generation = this.catalogue.embeddingGeneration();
    await this.store.syncWith(this.catalogue, ids);
    // A partial sync leaves other rows as they were: only a full one catches up with another process.
    if (!ids) this.storeGeneration = generation;
  }

  private workers(): WorkerPool<AnalysisWorkerMethods> {
    if (!this.pool) {
      const workerData: AnalysisWorkerData = { resourcesDir: this.resourcesDir };
      this.pool = new WorkerPool<AnalysisWorkerMethods>({
        script: resolveWorkerScript(),
        workerData,
        size: this.workerCount,
        taskTimeoutMs: TASK_TIMEOUT_MS,
      });
    }
    return this.pool;
  }

  /**
   * Brings a library whose embeddings and labels came from older model files up to the shipped ones
   * (refresh-model-outputs.ts): once per update, at open, before anything searches. Skipped while
   * another process indexes the library (it holds the lock); the next open catches up.
   */
  refreshStaleModelOutputs(log: (line: string) => void = () => undefined): void {
    const stamp = modelsStamp(this.resourcesDir);
    if (!modelOutputsAreStale(this.catalogue, stamp)) return;
    let lock: LibraryLock;
    try {
      lock = LibraryLock.acquire(this.files.lock, 'updating its analysis to new models');
    } catch (error) {
      if (error instanceof LibraryError && error.code === 'busy') return;
      throw error;
    }
    try {
      const resources = loadAnalysisResources(this.resourcesDir);
      this.loadedCategoryModel = resources.categoryModel;
      const samples = this.catalogue.counts().total;
      const started = performance.now();
      if (samples > 0) log(`updating ${samples} samples to this version's models (once; no file is decoded)...`);
      const { updated } = refreshModelOutputs(this.catalogue, resources, stamp);
      if (updated > 0) log(`updated ${updated} samples in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      lock.release();
    }
  }

  /** Loaded on first use: only corrections need it in this thread (workers load their own). */
  private categoryModel(): CategoryModel | null {
    if (this.loadedCategoryModel === undefined) this.loadedCategoryModel = loadAnalysisResources(this.resourcesDir).categoryModel;
    return this.loadedCategoryModel;
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
    await this.store.close();
    this.catalogue.close();
  }

  /** Absolute path of a catalogued sample's file, or null: only catalogued files are ever served. */
  audioFilePath(id: number): string | null {
    return this.catalogue.getSample(id)?.path ?? null;
  }

  async stats(): Promise<LibraryStats> {
    const counts = this.catalogue.counts();
    return {
      total_samples: counts.total,
      genres: this.catalogue.countBy('genre'),
      embedding_dimension: this.dimension,
      categories: this.catalogue.countBy('category'),
      kinds: this.catalogue.countBy('kind'),
      failed: counts.failed ?? 0,
      flagged: counts.flagged ?? 0,
      roots: this.catalogue.roots(),
      store: { kind: this.store.kind, location: this.store.location, vectors: await this.store.count() },
    };
  }

  async listSamples(query: SampleQuery): Promise<SamplePage> {
    return this.catalogue.listSamples(query ?? {});
  }

  async getSample(id: number): Promise<SampleRecord | null> {
    return this.catalogue.getSample(requireId(id));
  }

  async getWaveform(id: number): Promise<number[]> {
    const waveform = this.catalogue.getWaveform(requireId(id));
    if (waveform === null) throw new LibraryError('not_found', `no sample with id ${id}`);
    return waveform;
  }

  async similarToSample(id: number, options: SimilarOptions = {}): Promise<SearchHit[]> {
    const embedding = this.catalogue.getEmbedding(requireId(id));
    if (!embedding) {
      if (!this.catalogue.getSample(id)) throw new LibraryError('not_found', `no sample with id ${id}`);
      throw new LibraryError('unsupported_audio', `sample ${id} has no embedding (it could not be analysed)`);
    }
    return this.nearest(embedding, options, id);
  }

  async similarToAudio(bytes: Uint8Array, fileName: string, options: SimilarOptions = {}): Promise<SearchHit[]> {
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new LibraryError('unsupported_audio', 'empty upload: no audio data');
    let embedding: Float32Array;
    try {
      const copy = bytes.slice();
      embedding = (await this.workers().call('analyseBytes', [copy, String(fileName ?? 'upload')], [copy.buffer])).embedding;
    } catch (error) {
      if (error instanceof WorkerTaskError) throw new LibraryError('unsupported_audio', error.message);
      throw error;
    }
    return this.nearest(embedding, options, null);
  }

  private async nearest(embedding: Float32Array, options: SimilarOptions, excludeId: number | null): Promise<SearchHit[]> {
    const n = Math.max(1, Math.min(Math.floor(options.n ?? 10), MAX_NEIGHBOURS));
    // Another process (a CLI run beside the app or server) may have indexed since: follow it first.
    if (this.catalogue.embeddingGeneration() !== this.storeGeneration) await this.syncStore();
    const neighbours = await this.store.search(embedding, n, {
      category: options.category,
      kind: options.kind,
      excludeId: excludeId ?? undefined,
    });
    const records = this.catalogue.getSamples(neighbours.map((nb) => nb.id));
    return neighbours.flatMap((nb) => {
      const sample = records.get(nb.id);
      return sample ? [{ sample, distance: Math.max(0, nb.distance) }] : [];
    });
  }

  async indexFolders(folders: string[]): Promise<IndexSummary> {
    if (!Array.isArray(folders) || folders.length === 0 || folders.some((f) => typeof f !== 'string' || f.length === 0)) {
      throw new LibraryError('bad_request', 'indexFolders needs a list of folder paths');
    }
    const roots = folders.map((f) => resolve(f));
    for (const root of roots) {
      if (!existsSync(root)) throw new LibraryError('not_found', `folder not found: ${root}`);
    }
    const lock = LibraryLock.acquire(this.files.lock, `indexing ${roots.join(', ')}`);
    try {
      this.catalogue.addRoots(roots);
      let summary: IndexSummary;
      this.indexing = true;
      try {
        summary = await runIndex(roots, {
          catalogue: this.catalogue,
          vectors: this.store.runSink(),
          pool: this.workers(),
          onProgress: (progress) => this.progressListeners.forEach((listener) => listener(progress)),
        });
        if (summary.analysed + summary.failed + summary.moved + summary.removed > 0) refreshGenres(this.catalogue, this.embeddingModel);
      } finally {
        // Also after a failed run: what it committed to the catalogue must reach the store.
        this.indexing = false;
        await this.syncStore();
      }
      return summary;
    } finally {
      lock.release();
    }
  }

  async setTags(id: number, tags: string[]): Promise<SampleRecord> {
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) throw new LibraryError('bad_request', 'tags must be a list of strings');
    const clean = [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0 && t.length <= 64))];
    this.requireSample(id);
    this.catalogue.setTags(id, clean);
    return this.requireSample(id);
  }

  async setFavourite(id: number, favourite: boolean): Promise<SampleRecord> {
    this.requireSample(id);
    this.catalogue.setFavourite(id, favourite === true);
    return this.requireSample(id);
  }

  async setGenre(id: number, genre: string | null): Promise<SampleRecord> {
    if (genre !== null && (typeof genre !== 'string' || !/^[a-z0-9_]{2,40}$/.test(genre))) {
      throw new LibraryError('bad_request', 'genre must be a lower-case name like deep_house, or null');
    }
    this.requireSample(id);
    this.catalogue.setGenres([{ id, genre, source: genre === null ? null : 'user', confidence: genre === null ? null : 1 }]);
    refreshGenres(this.catalogue, this.embeddingModel);
    // A shared store filters on labels it keeps itself: send the changed ones.
    await this.syncStore();
    return this.requireSample(id);
  }

  async setCategory(id: number, category: string | null): Promise<SampleRecord> {
    if (category !== null && (typeof category !== 'string' || !isCategory(category))) {
      throw new LibraryError('bad_request', `category must be one of the taxonomy names, or null`);
    }
    this.requireSample(id);
    this.catalogue.setUserCategory(id, category);
    if (category === null) {
      // Handing the label back: predict it again from the stored descriptors.
      const descriptors = this.catalogue.getDescriptors(id);
      const model = this.categoryModel();
      const guess = descriptors && model ? model.predict(descriptors) : null;
      if (guess) this.catalogue.setModelCategory(id, guess.category, guess.confidence);
    }
    await this.syncStore([id]);
    return this.requireSample(id);
  }

  /**
   * Keeps the library in step with its folders: re-indexes them now (changes made while the app
   * was closed) and again whenever files change. One run at a time; changes during a run queue one more.
   */
  watchFolders(onError: (error: Error) => void = () => undefined): Disposer {
    let running = false;
    let again = false;
    const reindex = (): void => {
      const roots = this.catalogue.roots().filter((root) => existsSync(root));
      if (roots.length === 0) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      this.indexFolders(roots)
        .catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))))
        .finally(() => {
          running = false;
          if (again) {
            again = false;
            reindex();
          }
        });
    };
    let watcher = new FolderWatcher(this.catalogue.roots(), reindex, { onError });
    // New roots added by indexFolders are watched from the next change on.
    const dispose = this.onIndexProgress((progress) => {
      if (progress.phase !== 'done') return;
      watcher.dispose();
      watcher = new FolderWatcher(this.catalogue.roots(), reindex, { onError });
    });
    reindex();
    return () => {
      dispose();
      watcher.dispose();
    };
  }

  async soundMap(): Promise<SoundMapPoint[]> {
    const generation = this.catalogue.embeddingGeneration();
    if (this.cachedMap?.generation !== generation) {
      // The layout is computed on the first ask after the embeddings changed, then kept: UMAP takes
      // seconds on big libraries. Labels are looked up on every ask, so corrections show at once.
      this.cachedMap = { generation, points: soundMap([...this.catalogue.iterateEmbeddings()]) };
    }
    const labels = this.catalogue.labels(this.cachedMap.points.map((p) => p.id));
    return this.cachedMap.points.map((p) => {
      const label = labels.get(p.id);
      const category = label?.category ?? null;
      return { ...p, name: label?.name ?? '', category: category && isCategory(category) ? category : null };
    });
  }

  onIndexProgress(listener: (progress: IndexProgress) => void): Disposer {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  private requireSample(id: number): SampleRecord {
    const sample = this.catalogue.getSample(requireId(id));
    if (!sample) throw new LibraryError('not_found', `no sample with id ${id}`);
    return sample;
  }
}

function requireId(id: unknown): number {
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) throw new LibraryError('bad_request', `not a sample id: ${String(id)}`);
  return id;
}
