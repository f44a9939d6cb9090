// `npm run bench`: the speed figures the issues ask for, printed (and as JSON with --json).
// Never asserted in tests. Every figure is measured in this run on this machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openLibrary } from '../../src-main/core/service/library-service.js';
import { VectorIndex } from '../../src-main/core/index/vector-index.js';
import { corpusDir } from '../../test/corpus.js';

/** The prototype's stated throughput (librosa, one process, one-shots): the baseline. */
const PROTOTYPE_FILES_PER_SEC = 20;

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { value: number; label: string };
}

const figures: Figure[] = [];
function record(figure: Figure): void {
  figures.push(figure);
  const ratio = figure.baseline ? `  (${(figure.value / figure.baseline.value).toFixed(1)}× ${figure.baseline.label} ${figure.baseline.value} ${figure.unit})` : '';
  process.stderr.write(`${figure.name.padEnd(44)} ${figure.value.toFixed(figure.value < 10 ? 3 : 1).padStart(10)} ${figure.unit}${ratio}\n`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function benchIndexing(): Promise<void> {
  const corpus = corpusDir();
  if (!corpus) throw new Error('public corpus missing: run scripts/fetch-corpus.sh');
  const libraryDir = mkdtempSync(join(tmpdir(), 'sdx-bench-'));
  const library = await openLibrary({ libraryDir });
  try {
    const first = await library.indexFolders([join(corpus, 'root', 'usr', 'share')]);
    const done = first.analysed + first.failed;
    record({ name: `index public corpus (${done} files, cold)`, value: done / first.elapsedSec, unit: 'files/s', baseline: { value: PROTOTYPE_FILES_PER_SEC, label: 'prototype (stated)' } });
    const again = await library.indexFolders([join(corpus, 'root', 'usr', 'share')]);
    record({ name: `re-scan unchanged (${again.total} files)`, value: again.elapsedSec * 1000, unit: 'ms' });
    const ids = (await library.listSamples({ limit: 200 })).items.filter((s) => !s.error).map((s) => s.id);
    const times: number[] = [];
    for (const id of ids) {
      const t = performance.now();
      await library.similarToSample(id, { n: 10 });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    record({ name: 'similarToSample k=10 p50 (corpus library)', value: percentile(times, 0.5), unit: 'ms' });
    record({ name: 'similarToSample k=10 p99 (corpus library)', value: percentile(times, 0.99), unit: 'ms' });
  } finally {
    await library.close();
    rmSync(libraryDir, { recursive: true, force: true });
  }
}

function randomVectors(count: number, dimension: number, seed: number): Float32Array[] {
  let s = seed >>> 0;
  const random = (): number => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dimension }, random);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

function benchSearch(count: number, dimension: number): void {
  const vectors = randomVectors(count, dimension, 7);
  const t0 = performance.now();
  const index = VectorIndex.build(dimension, vectors.map((embedding, i) => ({ id: i + 1, embedding })), count);
  record({ name: `HNSW build ${count} × ${dimension}d`, value: (performance.now() - t0) / 1000, unit: 's' });
  const queries = randomVectors(200, dimension, 11);
  const times: number[] = [];
  let recallHits = 0;
  const exactSample = Math.min(queries.length, 50);
  for (let q = 0; q < queries.length; q++) {
    const t = performance.now();
    const found = index.search(queries[q], 10);
    times.push(performance.now() - t);
    if (q < exactSample) {
      const exact = vectors
        .map((v, i) => ({ id: i + 1, d: v.reduce((acc, x, j) => acc - x * queries[q][j], 0) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, 10);
      const expected = new Set(exact.map((e) => e.id));
      recallHits += found.filter((n) => expected.has(n.id)).length;
    }
  }
  times.sort((a, b) => a - b);
  record({ name: `search k=10 p50 @ ${count}`, value: percentile(times, 0.5), unit: 'ms' });
  record({ name: `search k=10 p99 @ ${count}`, value: percentile(times, 0.99), unit: 'ms' });
  record({ name: `recall@10 vs exact @ ${count}`, value: recallHits / (exactSample * 10), unit: '' });
}

const { values } = parseArgs({ options: { json: { type: 'boolean' }, full: { type: 'boolean' }, skipIndex: { type: 'boolean' } } });
if (!values.skipIndex) await benchIndexing();
const dimension = Number(process.env.SAMPLEDEX_BENCH_DIM ?? 64);
for (const count of values.full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]) benchSearch(count, dimension);
if (values.json) process.stdout.write(`${JSON.stringify({ machine: { cores: (await import('node:os')).availableParallelism() }, figures }, null, 2)}\n`);
