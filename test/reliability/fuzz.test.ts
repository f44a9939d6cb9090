// Fuzzing decode + analyse: thousands of mutated FLAC, Ogg, WAV, AIFF and MP3 files (fuzz-cases.ts).
// Each must end as a DecodeError or as a result whose numbers are all finite; nothing else may be
// thrown, no case may hang, and memory must stay bounded. The loop runs in a worker thread with a
// watchdog: a hang or a crash is reported as a failure with its input saved to test-results/fuzz/.
// FUZZ_CASES raises the count (default 3000), FUZZ_SEED picks another deterministic run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { nodeBundleOptions } from '../../scripts/node-bundle.mjs';
import { repoRoot } from '../corpus.js';
import { buildSeeds, makeCase, type Seed } from './fuzz-cases.js';
import type { FuzzMessage, FuzzOutcome, FuzzWorkerData } from './fuzz-worker.js';

const CASES = Number(process.env.FUZZ_CASES ?? 3000);
const RUN_SEED = Number(process.env.FUZZ_SEED ?? 20240611);
/** Hang guard only: a case this slow is stuck, not slow. Timings are reported, never asserted. */
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 10_000);
/** The pipeline analyses 30 s windows; 4 s reaches every code path (windowing included) at a fraction of the cost. */
const MAX_ANALYSIS_SEC = 4;
const RSS_GROWTH_LIMIT = 1.5 * 2 ** 30;

const outDir = join(repoRoot, 'test-results', 'fuzz');
const bundle = join(outDir, '.build', 'fuzz-worker.mjs');

interface Failure {
  index: number;
  what: string;
  savedAs: string;
}

interface Report {
  results: number;
  outcomes: Map<string, number>;
  failures: Failure[];
  times: number[];
  slowest: { ms: number; index: number; seedName: string };
  maxRss: number;
  baselineRss: number;
}

let seeds: Seed[] | null = null;

/** Rebuilds case `index` here (the worker's copy is gone once it hangs or dies) and saves it. */
function saveInput(index: number, what: string): string {
  seeds ??= buildSeeds();
  const fuzzCase = makeCase(seeds, RUN_SEED, index);
  const base = join(outDir, `case-${index}-${fuzzCase.seedName}`);
  writeFileSync(`${base}.bin`, fuzzCase.bytes);
  writeFileSync(`${base}.json`, JSON.stringify({ index, runSeed: RUN_SEED, seed: fuzzCase.seedName, mutations: fuzzCase.mutations, what }, null, 2));
  return `${base}.bin`;
}

/** Similar reasons differ only in numbers and file names: count them as one class. */
function outcomeClass(outcome: FuzzOutcome): string {
  const detail = outcome.detail.replace(/fuzz-\d+\.\w+/g, '<file>').replace(/"[^"]*"/g, '"…"').replace(/\d+(\.\d+)?/g, 'N');
  return `${outcome.kind}: ${detail.length > 110 ? `${detail.slice(0, 110)}…` : detail}`;
}

/** Runs cases [from, CASES) in one worker until it finishes, hangs or dies; returns where to resume. */
function runWorker(from: number, report: Report): Promise<number> {
  return new Promise((resolve) => {
    const data: FuzzWorkerData = { runSeed: RUN_SEED, from, to: CASES, maxAnalysisSec: MAX_ANALYSIS_SEC };
    const worker = new Worker(bundle, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    let current: { index: number; since: number } | null = null;
    let settled = false;
    const settle = (resumeAt: number): void => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      worker.removeAllListeners('message'); // a result already in flight must not count twice
      void worker.terminate();
      resolve(resumeAt);
    };
    const fail = (what: string): void => {
      if (settled) return; // a terminated worker still reports its exit
      const index = current?.index ?? from;
      report.failures.push({ index, what, savedAs: saveInput(index, what) });
      settle(index + 1);
    };
    const watchdog = setInterval(() => {
      if (current && performance.now() - current.since > HANG_MS) fail(`no answer after ${HANG_MS / 1000} s (hang)`);
    }, 250);
    worker.on('message', (message: FuzzMessage) => {
      if (message.type === 'start') current = { index: message.index, since: performance.now() };
      else if (message.type === 'finished') settle(CASES);
      else {
        current = null;
        report.results++;
        report.times.push(message.ms);
        report.maxRss = Math.max(report.maxRss, message.rss);
        if (message.ms > report.slowest.ms) report.slowest = { ms: message.ms, index: message.index, seedName: message.seedName };
        const key = outcomeClass(message.outcome);
        report.outcomes.set(key, (report.outcomes.get(key) ?? 0) + 1);
        if (message.outcome.kind === 'violation') {
          report.failures.push({ index: message.index, what: message.outcome.detail, savedAs: saveInput(message.index, message.outcome.detail) });
        }
      }
    });
    worker.on('error', (error) => fail(`worker died: ${error.message}`));
    worker.on('exit', (code) => {
      if (!settled) fail(`worker exited (code ${code})`);
    });
  });
}

function printReport(report: Report): void {
  const byKind = new Map<string, number>();
  for (const [key, n] of report.outcomes) {
    const kind = key.slice(0, key.indexOf(':'));
    byKind.set(kind, (byKind.get(kind) ?? 0) + n);
  }
  const sorted = [...report.times].sort((a, b) => a - b);
  const quantile = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1);
  const lines = [
    `fuzz: ${CASES} inputs (seed ${RUN_SEED}), ${report.results} answered, ${report.failures.length} failures`,
    `  outcomes: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    ...[...report.outcomes].sort((a, b) => b[1] - a[1]).map(([key, n]) => `  ${String(n).padStart(5)}  ${key}`),
    `  time per input: median ${quantile(0.5)} ms, p99 ${quantile(0.99)} ms, max ${report.slowest.ms.toFixed(0)} ms (case ${report.slowest.index}, ${report.slowest.seedName})`,
    `  rss: ${(report.baselineRss / 2 ** 20).toFixed(0)} MiB before, ${(report.maxRss / 2 ** 20).toFixed(0)} MiB at most`,
    ...report.failures.map((f) => `  FAILURE case ${f.index}: ${f.what} → ${f.savedAs}`),
  ];
  console.log(lines.join('\n'));
}

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // A worker thread cannot load TypeScript: bundle the loop (dependencies stay in node_modules).
  await build({
    entryPoints: [join(repoRoot, 'test', 'reliability', 'fuzz-worker.ts')],
    outfile: bundle,
    ...nodeBundleOptions,
  });
});

afterAll(() => rmSync(join(outDir, '.build'), { recursive: true, force: true }));

describe('decode + analyse under fuzzed input', () => {
  it(`answers every mutated file with a reason or finite descriptors, without hanging or leaking (${CASES} cases)`, async () => {
    const report: Report = {
      results: 0, outcomes: new Map(), failures: [], times: [], slowest: { ms: 0, index: -1, seedName: '' },
      maxRss: 0, baselineRss: process.memoryUsage().rss,
    };
    for (let next = 0; next < CASES; ) next = await runWorker(next, report);
    printReport(report);

    expect(report.failures.map((f) => `case ${f.index}: ${f.what}`)).toEqual([]);
    expect(report.results).toBe(CASES);
    // Every outcome class is one of the three the contract allows.
    for (const key of report.outcomes.keys()) expect(key).toMatch(/^(decoded|partial|rejected): /);
    expect(report.maxRss - report.baselineRss).toBeLessThan(RSS_GROWTH_LIMIT);
  }, 600_000);
});
