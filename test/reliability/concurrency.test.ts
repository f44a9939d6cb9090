// Several processes on one library at once: a `serve` process, a CLI index run, and a second CLI
// index run started while the first holds the lock. The second must say the library is busy and
// exit 1; the server must keep answering /stats and /search during the run (SQLite WAL: readers
// never wait for the writer); afterwards its searches must see the new files (the service
// reloads its vector index when the catalogue's embedding generation moves).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LibraryStats } from '../../src-shared/api.js';
import type { SearchResponse } from '../../src-main/server/search-response.js';
import { build } from 'esbuild';
import { VectorIndex } from '../../src-main/core/index/vector-index.js';
import { repoRoot } from '../corpus.js';
import { buildCli, runCli, startCli, type CliRun } from './cli-build.js';
import { SAVER_COUNT, SAVER_DIMENSION, saverVectors } from './vector-saver.js';
import { filesUnder, fillSampleFolder, pickCorpusFiles } from './sample-folder.js';

let cli: string;
let root: string;
let library: string;
let before: string;
let during: string;
let server: CliRun | null = null;

beforeAll(async () => {
  cli = await buildCli('concurrency');
  root = mkdtempSync(join(tmpdir(), 'sdx-concurrency-'));
  library = join(root, 'library');
  before = join(root, 'before');
  during = join(root, 'during');
  mkdirSync(before);
  mkdirSync(during);
  const files = pickCorpusFiles(60);
  fillSampleFolder(before, files.slice(0, 12));
  fillSampleFolder(during, files.slice(12));
});

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.done;
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Starts `serve --port 0` and reads the address it chose from its first line. */
async function startServer(): Promise<{ run: CliRun; url: string }> {
  const run = startCli(cli, ['serve', '--library', library, '--port', '0', '--host', '127.0.0.1']);
  let stderr = '';
  run.child.stderr!.on('data', (chunk: string) => (stderr += chunk));
  for (let waited = 0; waited < 30_000; waited += 20) {
    const match = /serving .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
    if (match) return { run, url: match[1] };
    await sleep(20);
  }
  throw new Error(`server did not start: ${stderr}`);
}

async function stats(url: string): Promise<LibraryStats> {
  const response = await fetch(`${url}/stats`);
  expect(response.status).toBe(200);
  return (await response.json()) as LibraryStats;
}

async function search(url: string, file: string): Promise<SearchResponse> {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)]), basename(file));
  const response = await fetch(`${url}/search?n_results=10`, { method: 'POST', body: form });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as SearchResponse;
}

describe('one library, several processes', () => {
  it('serves during an index run, refuses a second run as busy, and sees the new files afterwards', async () => {
    const first = await runCli(cli, ['index', before, '--library', library, '--workers', '1']);
    expect(first.code, first.stderr).toBe(0);
    const started = await startServer();
    server = started.run;
    const { url } = started;
    const beforeCount = (await stats(url)).total_samples;
    expect(beforeCount).toBe(filesUnder(before).length);
    const probe = filesUnder(during).find((f) => f.endsWith('.flac') || f.endsWith('.ogg'))!;
    const beforeHits = (await search(url, probe)).results.map((r) => r.path);
    expect(beforeHits.every((p) => p.startsWith(before))).toBe(true);

    const run = startCli(cli, ['index', during, '--library', library, '--workers', '1']);
    let runExited = false;
    void run.done.then(() => (runExited = true));
    // Wait for the run to hold the lock, then try a second one.
    while (!existsSync(join(library, 'index.lock')) && !runExited) await sleep(10);
    expect(runExited, 'the first run ended before the second could start').toBe(false);
    const second = await runCli(cli, ['index', before, '--library', library]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/library is busy: process \d+ is indexing/);

    // The server keeps answering while the run writes, and sees its commits as they land.
    const seen = new Set<number>();
    let answered = 0;
    while (!runExited) {
      const [current] = await Promise.all([stats(url), search(url, probe)]);
      seen.add(current.total_samples);
      answered++;
    }
    const finished = await run.done;
    expect(finished.code, finished.stderr).toBe(0);
    console.log(`concurrency: server answered ${answered} /stats + /search pairs during the run; totals seen: ${[...seen].join(', ')}`);
    expect(answered).toBeGreaterThan(0);

    const after = await stats(url);
    expect(after.total_samples).toBe(beforeCount + filesUnder(during).length);
    // The uploaded file is now in the library: its own copy is the nearest hit, then the new files.
    const afterHits = (await search(url, probe)).results;
    expect(afterHits[0].path).toBe(probe);
    expect(afterHits[0].distance).toBeLessThan(1e-4);
    expect(afterHits.some((h) => h.path.startsWith(during))).toBe(true);
    // And by id, through the catalogue's embedding and the reloaded index.
    const byId = (await (await fetch(`${url}/api/samples/${afterHits[0].id}/similar?n=5`)).json()) as { sample: { path: string } }[];
    expect(byId.length).toBe(5);
  }, 300_000);
});

describe('the vector index file under concurrent saves', () => {
  it('never pairs a stamp with another process\'s index bytes, and no save fails', async () => {
    const saver = join(repoRoot, 'test-results', 'reliability', 'vector-saver.mjs');
    await build({
      entryPoints: [join(repoRoot, 'test', 'reliability', 'vector-saver.ts')], outfile: saver, bundle: true, platform: 'node',
      target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning',
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
    const file = join(root, 'shared', 'vectors.hnsw');
    mkdirSync(join(root, 'shared'));
    const seeds = [11, 22, 33];
    const results = await Promise.all(seeds.map((seed) => runCli(saver, [file, String(seed), '40'])));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    // Whatever pair of files the last renames left must be either refused (rebuilt) or exactly one writer's index.
    const loaded = VectorIndex.load(file, { dimension: SAVER_DIMENSION, count: SAVER_COUNT, generation: 1 });
    if (loaded) {
      const writer = seeds.find((seed) => saverVectors(seed).every((v, i) => loaded.search(v, 1)[0]?.id === i + 1 && loaded.search(v, 1)[0].distance < 1e-4));
      expect(writer, 'the loaded index is no single writer\'s').toBeDefined();
    }
    // Every temp file was renamed or removed.
    expect(readdirSync(join(root, 'shared')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
