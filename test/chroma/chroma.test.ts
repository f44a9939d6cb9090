// The Chroma store against a real Chroma server (`chroma run` from the chromadb package, started by
// scripts/chroma/start-chroma.sh through Debian trixie's libc): the same real samples indexed into a
// local-store library and a chroma-store library must give the same neighbours, filters must hold,
// and deletions and label changes must reach the collection. A server that cannot start FAILS this
// file with the script's error; only SAMPLEDEX_SKIP_CHROMA=1 skips it (machines without apt access).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { ChromaClient } from 'chromadb';
import { corpusEntries, repoRoot } from '../corpus.js';
import { openLibrary, type LibraryService } from '../../src-main/core/service/library-service.js';
import { ChromaVectorStore } from '../../src-main/core/index/chroma-store.js';
import { isCategory, type Category } from '../../src-shared/taxonomy.js';
import type { SearchHit } from '../../src-shared/sample.js';

const run = promisify(execFile);
const skipReason = process.env.SAMPLEDEX_SKIP_CHROMA === '1' ? 'SAMPLEDEX_SKIP_CHROMA=1: no Chroma server on this machine' : null;
if (skipReason) console.warn(`chroma tests skipped: ${skipReason}`);

const FILES = 40;
const K = 5;

let root: string;
let serverDir: string;
let url: string;
let samplesDir: string;
let local: LibraryService;
let chroma: LibraryService;
/** Path → the category the corpus labels it with, applied to both libraries as a user correction. */
const labels = new Map<string, Category>();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(port: number, dir: string): Promise<string> {
  try {
    const { stdout } = await run('bash', [join(repoRoot, 'scripts/chroma/start-chroma.sh'), '--port', String(port), '--path', dir]);
    return stdout.trim().split('\n').at(-1) ?? '';
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`scripts/chroma/start-chroma.sh could not start a Chroma server:\n${stderr || String(error)}`);
  }
}

function pathsOf(hits: SearchHit[]): string[] {
  return hits.map((h) => h.sample.path);
}

function overlap(a: string[], b: string[]): number {
  const set = new Set(b);
  return a.filter((p) => set.has(p)).length / Math.max(1, Math.max(a.length, b.length));
}

function idByPath(library: LibraryService, path: string): number {
  const sample = library.catalogue.getByPath(path);
  if (!sample) throw new Error(`not catalogued: ${path}`);
  return sample.id;
}

describe.skipIf(skipReason !== null)('Chroma vector store on a real server', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sdx-chroma-'));
    serverDir = join(root, 'server');
    url = await startServer(await freePort(), serverDir);

    // An even spread over the corpus categories, so filtered searches have something to find.
    samplesDir = join(root, 'samples');
    const perCategory = new Map<string, number>();
    for (const entry of corpusEntries()) {
      if (labels.size >= FILES) break;
      if (!isCategory(entry.category) || (perCategory.get(entry.category) ?? 0) >= 4) continue;
      perCategory.set(entry.category, (perCategory.get(entry.category) ?? 0) + 1);
      const dir = join(samplesDir, entry.source.replace(':', '-'), entry.category);
      mkdirSync(dir, { recursive: true });
      const path = join(dir, basename(entry.path));
      copyFileSync(entry.path, path);
      labels.set(path, entry.category);
    }

    local = await openLibrary({ libraryDir: join(root, 'local'), workers: 2 });
    chroma = await openLibrary({ libraryDir: join(root, 'chroma'), workers: 2, store: { kind: 'chroma', url } });
    for (const library of [local, chroma]) {
      const summary = await library.indexFolders([samplesDir]);
      expect(summary.failed, JSON.stringify(summary.errors)).toBe(0);
      // Categories as corrections: the same labels in both, whatever model is installed.
      for (const [path, category] of labels) await library.setCategory(idByPath(library, path), category);
    }
  });

  afterAll(async () => {
    await local?.close();
    await chroma?.close();
    if (serverDir) await run('bash', [join(repoRoot, 'scripts/chroma/stop-chroma.sh'), '--path', serverDir]);
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('holds every embedded sample, and says so in stats', async () => {
    const stats = await chroma.stats();
    expect(stats.total_samples).toBe(labels.size);
    expect(stats.store?.kind).toBe('chroma');
    expect(stats.store?.vectors).toBe(labels.size);
    expect(stats.embedding_dimension).toBe((await local.stats()).embedding_dimension);
    expect((await local.stats()).store?.kind).toBe('local');
  });

  it('finds the same neighbours as the local index for every sample', async () => {
    const overlaps: number[] = [];
    for (const path of labels.keys()) {
      const fromLocal = await local.similarToSample(idByPath(local, path), { n: K });
      const fromChroma = await chroma.similarToSample(idByPath(chroma, path), { n: K });
      expect(fromChroma).toHaveLength(K);
      expect(pathsOf(fromChroma)).not.toContain(path);
      overlaps.push(overlap(pathsOf(fromLocal), pathsOf(fromChroma)));
      // Both measure cosine distance on the same float32 vectors.
      expect(fromChroma[0].distance).toBeCloseTo(fromLocal[0].distance, 3);
    }
    // Ties at the k-th place may swap one neighbour; anything more would be a real difference.
    expect(Math.min(...overlaps)).toBeGreaterThanOrEqual(0.8);
    expect(overlaps.reduce((a, b) => a + b, 0) / overlaps.length).toBeGreaterThanOrEqual(0.95);
  });

  it('applies category and kind filters the way the local index does', async () => {
    const [queryPath, queryCategory] = [...labels][0];
    const byCategory = await chroma.similarToSample(idByPath(chroma, queryPath), { n: K, category: queryCategory });
    expect(byCategory.length).toBeGreaterThan(0);
    for (const hit of byCategory) expect(hit.sample.category?.value).toBe(queryCategory);
    const localByCategory = await local.similarToSample(idByPath(local, queryPath), { n: K, category: queryCategory });
    expect(overlap(pathsOf(localByCategory), pathsOf(byCategory))).toBeGreaterThanOrEqual(0.8);

    const kind = chroma.catalogue.getByPath(queryPath)?.kind;
    expect(kind).toBeTruthy();
    if (!kind) return;
    const byKind = await chroma.similarToSample(idByPath(chroma, queryPath), { n: K, kind, category: queryCategory });
    for (const hit of byKind) {
      expect(hit.sample.kind).toBe(kind);
      expect(hit.sample.category?.value).toBe(queryCategory);
    }
    const localByKind = await local.similarToSample(idByPath(local, queryPath), { n: K, kind, category: queryCategory });
    expect(pathsOf(byKind).sort()).toEqual(pathsOf(localByKind).sort());
  });

  it('sends label corrections to the collection', async () => {
    const [path] = [...labels.keys()];
    const id = idByPath(chroma, path);
    const other = [...labels].find(([, category]) => category !== labels.get(path));
    expect(other).toBeDefined();
    if (!other) return;
    const [otherPath, otherCategory] = other;
    await chroma.setCategory(id, otherCategory);
    const hits = await chroma.similarToSample(idByPath(chroma, otherPath), { n: 50, category: otherCategory });
    expect(pathsOf(hits)).toContain(path);
    await chroma.setCategory(id, labels.get(path) ?? null);
  });

  it('removes deleted files from the collection', async () => {
    const gone = [...labels.keys()].slice(-3);
    for (const path of gone) rmSync(path);
    for (const library of [local, chroma]) {
      const summary = await library.indexFolders([samplesDir]);
      expect(summary.removed).toBe(gone.length);
    }
    expect(await chroma.store.count()).toBe(labels.size - gone.length);
    for (const path of labels.keys()) {
      if (gone.includes(path)) continue;
      const hits = await chroma.similarToSample(idByPath(chroma, path), { n: labels.size });
      expect(hits).toHaveLength(labels.size - gone.length - 1);
      for (const p of gone) expect(pathsOf(hits)).not.toContain(p);
      const fromLocal = await local.similarToSample(idByPath(local, path), { n: K });
      expect(overlap(pathsOf(fromLocal), pathsOf(hits.slice(0, K)))).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('rebuilds a lost collection from the catalogue on open, and refuses another library’s collection', async () => {
    const store = chroma.store;
    expect(store).toBeInstanceOf(ChromaVectorStore);
    const name = (store as ChromaVectorStore).collectionName;
    const expected = await store.count();
    const libraryDir = chroma.files.dir;
    await chroma.close();
    const { hostname, port } = new URL(url);
    await new ChromaClient({ host: hostname, port: Number(port) }).deleteCollection({ name });

    chroma = await openLibrary({ libraryDir, workers: 2, store: { kind: 'chroma', url } });
    expect(await chroma.store.count()).toBe(expected);

    await expect(
      openLibrary({ libraryDir: join(root, 'intruder'), workers: 1, store: { kind: 'chroma', url, collection: name } }),
    ).rejects.toThrow(/belongs to another library/);
  });
});
