// Does decoding a compressed file slow the analysis that runs after it in the same thread?
// V8 guards every typed-array access once any ArrayBuffer in the isolate has been detached, so a
// thread's history can change how fast the same analysis runs. This runs analyse() on the same
// decoded corpus files in fresh worker threads that differ only in what they did first:
//   fresh          nothing
//   after-decode   decoded one FLAC and one Ogg Vorbis corpus file with decodeAudio
//   after-all      decoded every corpus file with decodeAudio, then analyses the same audio as fresh
//   after-detach   detached one ArrayBuffer itself (the effect's positive control)
//   decode-each    decodes each file in-thread before analysing it, as an analysis worker does
//   decode-only    decodes each file and analyses nothing (what a thread of its own would spend decoding)
// and reports each one's analysis time per file: wall, and the thread's own CPU time from
// /proc/thread-self/schedstat (the other threads of the process and machine do not count).
//
//   node scripts/bench/build-profile.mjs && node out/bench/detach-probe.js [--rounds 3] [--limit N]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { decodeAudio } from '../../src-main/core/decode/index.js';
import { analyse } from '../../src-main/core/analyse/index.js';
import { computeFrames } from '../../src-main/core/analyse/stft.js';
import { corpusEntries } from '../../test/corpus.js';

type Condition = 'fresh' | 'after-decode' | 'after-all' | 'after-detach' | 'decode-each' | 'decode-only';
const CONDITIONS: readonly Condition[] = ['fresh', 'after-decode', 'after-all', 'after-detach', 'decode-each', 'decode-only'];

interface ProbeInput {
  condition: Condition;
  /** The corpus files' paths (decode-each reads them) and their decoded audio (the others analyse it). */
  paths: string[];
  audio: { samples: Float32Array; sampleRate: number }[];
  /** Compressed files to decode first, for after-decode. */
  warmPaths: string[];
}

interface ProbeResult {
  condition: Condition;
  analyseMs: number;
  analyseCpuMs: number;
  stftMs: number;
  /** Thread CPU per file spent in decodeAudio (decode-each and decode-only). */
  decodeCpuMs: number;
  files: number;
}

/** This thread's CPU time in ms (Linux: the scheduler's count of nanoseconds it ran). */
function threadCpuMs(): number {
  return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
}

async function runProbe(input: ProbeInput): Promise<ProbeResult> {
  if (input.condition === 'after-decode' || input.condition === 'after-all') {
    for (const path of input.condition === 'after-all' ? input.paths : input.warmPaths) await decodeAudio(new Uint8Array(readFileSync(path)), basename(path));
  }
  if (input.condition === 'after-detach') detachOne();
  let analyseMs = 0;
  let analyseCpuMs = 0;
  let stftMs = 0;
  let decodeCpuMs = 0;
  const decodesEach = input.condition === 'decode-each' || input.condition === 'decode-only';
  for (let i = 0; i < input.paths.length; i++) {
    const decodeCpu = threadCpuMs();
    const { samples, sampleRate } = decodesEach ? await decodeAudio(new Uint8Array(readFileSync(input.paths[i])), basename(input.paths[i])) : input.audio[i];
    decodeCpuMs += threadCpuMs() - decodeCpu;
    if (input.condition === 'decode-only') continue;
    const cpu = threadCpuMs();
    const t = performance.now();
    analyse(samples, sampleRate);
    analyseMs += performance.now() - t;
    analyseCpuMs += threadCpuMs() - cpu;
    const s = performance.now();
    computeFrames(samples, sampleRate);
    stftMs += performance.now() - s;
  }
  const files = input.paths.length;
  return {
    condition: input.condition,
    analyseMs: analyseMs / files,
    analyseCpuMs: analyseCpuMs / files,
    stftMs: stftMs / files,
    decodeCpuMs: decodesEach ? decodeCpuMs / files : 0,
    files,
  };
}

function detachOne(): void {
  const buffer = new ArrayBuffer(8);
  structuredClone(buffer, { transfer: [buffer] });
}

if (!isMainThread) {
  parentPort!.postMessage(await runProbe(workerData as ProbeInput));
} else {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, limit: { type: 'string' } } });
  const entries = corpusEntries().slice(0, values.limit ? Number(values.limit) : undefined);
  const paths: string[] = [];
  const audio: ProbeInput['audio'] = [];
  for (const entry of entries) {
    try {
      const decoded = await decodeAudio(new Uint8Array(readFileSync(entry.path)), basename(entry.path));
      paths.push(entry.path);
      audio.push({ samples: decoded.samples, sampleRate: decoded.sampleRate });
    } catch {
      // Files that do not decode are the reliability tests' business.
    }
  }
  const warmPaths = [paths.find((path) => path.endsWith('.flac')), paths.find((path) => path.endsWith('.ogg'))].filter((path): path is string => Boolean(path));
  process.stdout.write(`${paths.length} files (${paths.filter((p) => p.endsWith('.flac')).length} FLAC, ${paths.filter((p) => p.endsWith('.ogg')).length} Ogg); warm-up decodes: ${warmPaths.map((p) => basename(p)).join(', ')}\n`);
  const results = new Map<Condition, ProbeResult[]>();
  const rounds = Number(values.rounds);
  for (let round = 0; round < rounds; round++) {
    // Alternate the order, so a machine that slows down during a round does not favour one condition.
    const order = round % 2 === 0 ? CONDITIONS : [...CONDITIONS].reverse();
    for (const condition of order) {
      const result = await new Promise<ProbeResult>((resolve, reject) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: { condition, paths, audio, warmPaths } satisfies ProbeInput });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      results.set(condition, [...(results.get(condition) ?? []), result]);
      process.stderr.write(
        `  round ${round + 1} ${condition.padEnd(13)} analyse ${result.analyseMs.toFixed(2)} ms/file (CPU ${result.analyseCpuMs.toFixed(2)}), STFT ${result.stftMs.toFixed(2)}, decode CPU ${result.decodeCpuMs.toFixed(2)}\n`,
      );
    }
  }
  process.stdout.write('condition       analyse ms/file: median (min–max) | its thread CPU ms/file: median (min–max) | STFT ms/file | decode CPU ms/file\n');
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [condition, list] of results) {
    const wall = list.map((r) => r.analyseMs);
    const cpu = list.map((r) => r.analyseCpuMs);
    process.stdout.write(
      `  ${condition.padEnd(13)} ${median(wall).toFixed(2)} (${Math.min(...wall).toFixed(2)}–${Math.max(...wall).toFixed(2)}) | ${median(cpu).toFixed(2)} (${Math.min(...cpu).toFixed(2)}–${Math.max(...cpu).toFixed(2)}) | ${median(list.map((r) => r.stftMs)).toFixed(2)} | ${median(list.map((r) => r.decodeCpuMs)).toFixed(2)}\n`,
    );
  }
}
