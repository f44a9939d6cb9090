// One index run, as beets-style stages: scan → diff against the catalogue → (read + hash → reuse |
// decode/analyse/embed in a worker) → store/index → finish. Every file's result is committed as it
// arrives, so a run killed at any moment resumes where it stopped and loses nothing.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, sep } from 'node:path';
import type { IndexProgress, IndexSummary } from '../../../src-shared/api.js';
import { scanFolders, describeFsError, type ScannedFile } from '../scan/scan-folders.js';
import type { Catalogue, KnownFile } from '../catalogue/catalogue.js';
import type { FileIdentity } from '../catalogue/records.js';
import type { VectorSink } from '../index/vector-store.js';
import type { WorkerPool } from './worker-pool.js';
import type { AnalysisWorkerMethods } from './analysis-worker.js';
import { refreshLibraryAnomalies } from './refresh-anomalies.js';

/** Files larger than this are refused before reading: no sample is 1 GiB, and reading it whole would hurt. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;
const PROGRESS_INTERVAL_MS = 100;

export interface IndexRunContext {
  catalogue: Catalogue;
  vectors: VectorSink;
  pool: WorkerPool<AnalysisWorkerMethods>;
  onProgress?: (progress: IndexProgress) => void;
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

function isUnder(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep));
}

interface Plan {
  scanned: ScannedFile[];
  toProcess: ScannedFile[];
  unchanged: number;
  /** Catalogued files under the scanned roots that the scan did not find: moved or deleted. */
  missing: Map<string, KnownFile>;
}

function planRun(scanned: ScannedFile[], known: Map<string, KnownFile>, roots: readonly string[], unreadable: readonly string[]): Plan {
  const toProcess: ScannedFile[] = [];
  let unchanged = 0;
  const seen = new Set<string>();
  for (const file of scanned) {
    seen.add(file.path);
    const k = known.get(file.path);
    if (k && k.current && k.sizeBytes === file.sizeBytes && k.mtimeMs === file.mtimeMs) unchanged++;
    else toProcess.push(file);
  }
  const missing = new Map<string, KnownFile>();
  for (const k of known.values()) {
    // Files inside a folder we could not read this time are kept: unreadable is not deleted.
    if (!seen.has(k.path) && isUnder(k.path, roots) && !isUnder(k.path, unreadable)) missing.set(k.path, k);
  }
  return { scanned, toProcess, unchanged, missing };
}

export async function runIndex(roots: readonly string[], ctx: IndexRunContext): Promise<IndexSummary> {
  const started = performance.now();
  const errors: { path: string; error: string }[] = [];
  const progress: IndexProgress = {
    phase: 'scanning', total: 0, toAnalyse: 0, analysed: 0, failed: 0, unchanged: 0, moved: 0, removed: 0,
    filesPerSec: 0, etaSec: null, currentPath: null,
  };
  let lastEmit = 0;
  const emit = (force = false): void => {
    const now = performance.now();
    if (!force && now - lastEmit < PROGRESS_INTERVAL_MS) return;
    lastEmit = now;
    const done = progress.analysed + progress.failed + progress.moved;
    const seconds = (now - started) / 1000;
    progress.filesPerSec = seconds > 0 ? done / seconds : 0;
    const left = progress.toAnalyse - done;
    progress.etaSec = progress.filesPerSec > 0 && left > 0 ? left / progress.filesPerSec : progress.phase === 'analysing' ? null : 0;
    ctx.onProgress?.({ ...progress });
  };
  emit(true);

  const scan = await scanFolders(roots);
  for (const problem of scan.unreadableFolders) errors.push({ path: problem.path, error: `folder not readable: ${problem.error}` });
  const plan = planRun(scan.files, ctx.catalogue.knownFiles(), roots, scan.unreadableFolders.map((p) => p.path));
  Object.assign(progress, { phase: 'analysing', total: scan.files.length, toAnalyse: plan.toProcess.length, unchanged: plan.unchanged });
  emit(true);

  const missingByHash = new Map<string, KnownFile>();
  for (const k of plan.missing.values()) missingByHash.set(k.contentHash, k);

  const { catalogue, vectors } = ctx;
  const recordFailure = (file: FileIdentity, error: string): void => {
    const id = catalogue.transaction(() => catalogue.upsertFailed(file, error));
    vectors.remove(id);
    errors.push({ path: file.path, error });
    progress.failed++;
  };

  const processFile = async (file: ScannedFile): Promise<void> => {
    progress.currentPath = file.path;
    if (file.sizeBytes > MAX_FILE_BYTES) {
      recordFailure({ ...file, contentHash: `size:${file.sizeBytes}` }, `file too large (${(file.sizeBytes / 2 ** 30).toFixed(1)} GiB)`);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file.path));
    } catch (error) {
      recordFailure({ ...file, contentHash: `unreadable:${file.path}` }, `cannot read file: ${describeFsError(error)}`);
      return;
    }
    const identity: FileIdentity = { ...file, contentHash: hashBytes(bytes) };

    const moved = missingByHash.get(identity.contentHash);
    if (moved && !catalogue.getByPath(identity.path)) {
      // Same bytes under a new path, old path gone: a move or rename. Keep the row, its id and its tags.
      missingByHash.delete(identity.contentHash);
      plan.missing.delete(moved.path);
      catalogue.movePath(moved.id, identity);
      progress.moved++;
      return;
    }
    const twin = catalogue.findAnalysedByContentHash(identity.contentHash);
    if (twin && twin.path !== identity.path) {
      // A copy of a file already analysed: the analysis depends only on the bytes, so reuse it.
      const id = catalogue.transaction(() => catalogue.reuseAnalysis(twin.id, identity));
      const embedding = catalogue.getEmbedding(id);
      if (embedding) vectors.upsert(id, embedding);
      if (twin.error) errors.push({ path: identity.path, error: twin.error });
      if (twin.error) progress.failed++;
      else progress.analysed++;
      return;
    }
    try {
      const result = await ctx.pool.call('analyseBytes', [bytes, basename(file.path)], [bytes.buffer as ArrayBuffer]);
      const id = catalogue.transaction(() => catalogue.upsertAnalysed(identity, result));
      vectors.upsert(id, result.embedding);
      progress.analysed++;
    } catch (error) {
      recordFailure(identity, error instanceof Error ? error.message : String(error));
    }
  };

  // Keep every worker fed: twice as many files in flight as workers, so reading overlaps analysis.
  const inFlight = Math.max(2, ctx.pool.size * 2);
  let next = 0;
  const lanes = Array.from({ length: inFlight }, async () => {
    while (next < plan.toProcess.length) {
      const file = plan.toProcess[next++];
      await processFile(file);
      emit();
    }
  });
  await Promise.all(lanes);

  progress.phase = 'finishing';
  progress.currentPath = null;
  emit(true);
  const removedIds = [...plan.missing.values()].map((k) => k.id);
  catalogue.remove(removedIds);
  for (const id of removedIds) vectors.remove(id);
  progress.removed = removedIds.length;
  if (progress.analysed + progress.failed + progress.moved + progress.removed > 0) refreshLibraryAnomalies(catalogue);

  progress.phase = 'done';
  emit(true);
  return { ...progress, phase: 'done', elapsedSec: (performance.now() - started) / 1000, errors };
}
