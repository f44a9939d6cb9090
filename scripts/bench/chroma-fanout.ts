// Fan-out simulation for "Beyond one machine": N processes (standing in for N machines) write to one
// Chroma server, and we measure what that reaches. Two parts, each for N = 1, 2, 4:
//   1. writes: each process upserts its share of SYNTHETIC embeddings (seeded random unit vectors,
//      the model's dimension) into ONE shared collection — Chroma's ingest ceiling under concurrent writers;
//   2. end to end: each process indexes its share of the REAL corpus (decode → analyse → embed →
//      catalogue → Chroma sync) into its own library and collection on the same server.
// Never asserted anywhere; every figure is measured in this run on this machine. Processes share the
// machine's cores with each other and with the server, so on one small machine part 2 shows the CPU
// limit of analysis, not the network's; see the README section for how this carries to many machines.
//
// usage (after `npm run build:node`): node out/node/chroma-fanout.js [--processes 1,2,4]
//   [--rounds 3] [--vectors 20000] [--batch 500] [--files 120] [--chroma-url URL] [--json]
// Without --chroma-url it starts its own server with scripts/chroma/start-chroma.sh and stops it after.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ChromaClient } from 'chromadb';
import { openLibrary } from '../../src-main/core/service/library-service.js';
import { corpusEntries } from '../../test/corpus.js';

interface WriteResult {
  vectors: number;
  seconds: number;
}

interface IndexResult {
  files: number;
  analysed: number;
  seconds: number;
  vectors: number;
}

const thisScript = fileURLToPath(import.meta.url);

/** The checkout holding scripts/chroma, found upwards from this file (run from source or bundled in out/node). */
function chromaScript(name: string): string {
  for (let dir = dirname(thisScript); ; dir = dirname(dir)) {
    const script = join(dir, 'scripts', 'chroma', name);
    if (existsSync(script)) return script;
    if (dirname(dir) === dir) throw new Error(`scripts/chroma/${name} not found above ${thisScript}`);
  }
}

function clientFor(url: string): ChromaClient {
  const parsed = new URL(url);
  return new ChromaClient({ host: parsed.hostname, port: Number(parsed.port || 80), ssl: parsed.protocol === 'https:' });
}

/** Deterministic unit vectors (mulberry32), so every run writes the same data. */
function syntheticVectors(count: number, dimension: number, seed: number): number[][] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const v = Array.from({ length: dimension }, next);
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  });
}

// ---- child processes -------------------------------------------------------------------------

/** Connects, says "ready", waits for "go" (so all writers start together), writes, reports JSON. */
async function childWrite(url: string, collectionName: string, worker: number, count: number, dimension: number, batch: number): Promise<void> {
  const collection = await clientFor(url).getCollection({ name: collectionName });
  const vectors = syntheticVectors(count, dimension, 1000 + worker);
  process.stdout.write('ready\n');
  const go = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => go.once('line', () => resolve()));
  go.close();
  const started = performance.now();
  for (let start = 0; start < count; start += batch) {
    const slice = vectors.slice(start, start + batch);
    await collection.upsert({
      ids: slice.map((_, i) => `w${worker}-${start + i}`),
      embeddings: slice,
      metadatas: slice.map((_, i) => ({ category: `c${(start + i) % 12}`, kind: (start + i) % 2 ? 'loop' : 'one-shot', genre: '', path: `/w${worker}/${start + i}.wav` })),
    });
  }
  const result: WriteResult = { vectors: count, seconds: (performance.now() - started) / 1000 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function childIndex(url: string, folder: string, libraryDir: string, workers: number): Promise<void> {
  const started = performance.now();
  const library = await openLibrary({ libraryDir, workers, store: { kind: 'chroma', url } });
  try {
    const summary = await library.indexFolders([folder]);
    const result: IndexResult = {
      files: summary.total,
      analysed: summary.analysed,
      seconds: (performance.now() - started) / 1000,
      vectors: await library.store.count(),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await library.close();
  }
}

// ---- parent ----------------------------------------------------------------------------------

interface Child {
  lines: AsyncIterator<string>;
  /** Starts a waiting writer; its stdin ends there, so it can exit when done. */
  go(): void;
  done: Promise<void>;
}

function startChild(args: string[]): Child {
  const child = spawn(process.execPath, [thisScript, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const done = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child ${args.join(' ')} exited with ${code}`))));
  });
  return { lines, go: () => child.stdin.end('go\n'), done };
}

async function nextLine(child: Child): Promise<string> {
  const { value, done } = await child.lines.next();
  if (done) throw new Error('child ended without answering');
  return value;
}

async function measureWrites(url: string, processes: number, total: number, dimension: number, batch: number): Promise<{ vectorsPerSec: number; seconds: number }> {
  const client = clientFor(url);
  const name = `fanout-writes-${processes}-${Date.now()}`;
  await client.createCollection({ name, embeddingFunction: null, configuration: { hnsw: { space: 'cosine', max_neighbors: 16, ef_construction: 200, ef_search: 96 } } });
  const share = Math.ceil(total / processes);
  const children = Array.from({ length: processes }, (_, worker) =>
    startChild(['--child', 'write', '--chroma-url', url, '--collection', name, '--worker', String(worker), '--vectors', String(share), '--dimension', String(dimension), '--batch', String(batch)]));
  for (const child of children) if ((await nextLine(child)) !== 'ready') throw new Error('writer not ready');
  const started = performance.now();
  for (const child of children) child.go();
  const results = await Promise.all(children.map(async (child) => JSON.parse(await nextLine(child)) as WriteResult));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(children.map((c) => c.done));
  const stored = await (await client.getCollection({ name })).count();
  const written = results.reduce((sum, r) => sum + r.vectors, 0);
  if (stored !== written) throw new Error(`collection holds ${stored} vectors, ${written} were written`);
  await client.deleteCollection({ name });
  return { vectorsPerSec: written / seconds, seconds };
}

async function measureIndexing(url: string, processes: number, files: string[], root: string, round: number): Promise<{ filesPerSec: number; seconds: number; vectors: number }> {
  // Round-robin shares, each copied into its own folder: a machine indexes the folders it is given.
  const base = join(root, `n${processes}-r${round}`);
  const shareDirs = Array.from({ length: processes }, (_, worker) => join(base, `share-${worker}`));
  files.forEach((file, i) => {
    const dir = shareDirs[i % processes];
    mkdirSync(dir, { recursive: true });
    copyFileSync(file, join(dir, `${i}-${basename(file)}`));
  });
  // One analysis thread per core in all, split between the processes (as separate machines would each use theirs).
  const workersEach = Math.max(1, Math.floor(availableParallelism() / processes));
  const started = performance.now();
  const children = shareDirs.map((dir, worker) =>
    startChild(['--child', 'index', '--chroma-url', url, '--folder', dir, '--library', join(base, `library-${worker}`), '--workers', String(workersEach)]));
  const results = await Promise.all(children.map(async (child) => JSON.parse(await nextLine(child)) as IndexResult));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(children.map((c) => c.done));
  const analysed = results.reduce((sum, r) => sum + r.analysed, 0);
  return { filesPerSec: analysed / seconds, seconds, vectors: results.reduce((sum, r) => sum + r.vectors, 0) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function parent(values: Record<string, string | boolean | undefined>): Promise<void> {
  const counts = String(values.processes ?? '1,2,4').split(',').map(Number).filter((n) => n >= 1);
  const totalVectors = Number(values.vectors ?? 20_000);
  const batch = Number(values.batch ?? 500);
  const fileCount = Number(values.files ?? 120);
  const dimension = Number(values.dimension ?? 30);
  const rounds = Math.max(1, Number(values.rounds ?? 3));
  const root = mkdtempSync(join(tmpdir(), 'sdx-fanout-'));
  let url = typeof values['chroma-url'] === 'string' ? values['chroma-url'] : '';
  const serverDir = join(root, 'server');
  const ownServer = !url;
  if (ownServer) {
    url = execFileSync('bash', [chromaScript('start-chroma.sh'), '--port', String(values.port ?? 8391), '--path', serverDir], { encoding: 'utf8' }).trim();
  }
  const report: Record<string, unknown>[] = [];
  try {
    const files = corpusEntries().slice(0, fileCount).map((e) => e.path);
    process.stderr.write(`Chroma at ${url}; ${availableParallelism()} cores; writes: ${totalVectors} synthetic ${dimension}-d vectors in batches of ${batch}; end to end: ${files.length} corpus files\n`);
    // Rounds interleave the process counts, and each figure is the median over rounds: on a shared
    // machine other load comes and goes, and would otherwise land on whichever N ran at the time.
    const samples = new Map<number, { writes: number[]; files: number[]; vectors: number }>();
    for (let round = 0; round < rounds; round++) {
      for (const n of counts) {
        const writes = await measureWrites(url, n, totalVectors, dimension, batch);
        const indexing = await measureIndexing(url, n, files, root, round);
        const entry = samples.get(n) ?? { writes: [], files: [], vectors: 0 };
        entry.writes.push(writes.vectorsPerSec);
        entry.files.push(indexing.filesPerSec);
        entry.vectors = indexing.vectors;
        samples.set(n, entry);
        process.stderr.write(`round ${round + 1} N=${n}: writes ${Math.round(writes.vectorsPerSec)} vectors/s (${writes.seconds.toFixed(2)} s); end to end ${indexing.filesPerSec.toFixed(2)} files/s (${indexing.seconds.toFixed(1)} s, ${indexing.vectors} vectors in Chroma)\n`);
      }
    }
    for (const n of counts) {
      const entry = samples.get(n);
      if (!entry) continue;
      const row = {
        processes: n,
        vectorsPerSec: Math.round(median(entry.writes)),
        vectorsPerSecRange: [Math.round(Math.min(...entry.writes)), Math.round(Math.max(...entry.writes))],
        filesPerSec: Number(median(entry.files).toFixed(2)),
        filesPerSecRange: [Number(Math.min(...entry.files).toFixed(2)), Number(Math.max(...entry.files).toFixed(2))],
        vectorsStored: entry.vectors,
      };
      report.push(row);
      process.stderr.write(`N=${n} (median of ${rounds}): writes ${row.vectorsPerSec} vectors/s [${row.vectorsPerSecRange.join('–')}]; end to end ${row.filesPerSec} files/s [${row.filesPerSecRange.join('–')}]\n`);
    }
  } finally {
    if (ownServer) execFileSync('bash', [chromaScript('stop-chroma.sh'), '--path', serverDir]);
    rmSync(root, { recursive: true, force: true });
  }
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    processes: { type: 'string' },
    rounds: { type: 'string' },
    vectors: { type: 'string' },
    dimension: { type: 'string' },
    batch: { type: 'string' },
    files: { type: 'string' },
    folder: { type: 'string' },
    library: { type: 'string' },
    workers: { type: 'string' },
    worker: { type: 'string' },
    collection: { type: 'string' },
    port: { type: 'string' },
    'chroma-url': { type: 'string' },
    json: { type: 'boolean' },
  },
});

const main = async (): Promise<void> => {
  const url = values['chroma-url'] ?? '';
  if (values.child === 'write') {
    await childWrite(url, values.collection ?? '', Number(values.worker), Number(values.vectors), Number(values.dimension), Number(values.batch));
  } else if (values.child === 'index') {
    await childIndex(url, values.folder ?? '', values.library ?? '', Number(values.workers));
  } else {
    await parent(values);
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`chroma-fanout: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
