// The fuzz loop, run in a worker thread (bundled by fuzz.test.ts) so that the test's main thread
// stays free to notice a decoder stuck in a loop and terminate it. Before each case it says which
// case it starts; after it, the outcome. A case that never reports back is the hang.
import { parentPort, workerData } from 'node:worker_threads';
import { decodeAudio, DecodeError } from '../../src-main/core/decode/index.js';
import { analyse } from '../../src-main/core/analyse/index.js';
import { buildSeeds, makeCase } from './fuzz-cases.js';

export interface FuzzWorkerData {
  runSeed: number;
  from: number;
  to: number;
  maxAnalysisSec: number;
}

export type FuzzOutcome =
  | { kind: 'decoded' | 'partial'; detail: string }
  | { kind: 'rejected'; detail: string }
  /** Anything the contract forbids: a non-DecodeError escaping, or a result with non-finite numbers. */
  | { kind: 'violation'; detail: string };

export type FuzzMessage =
  | { type: 'start'; index: number }
  | { type: 'result'; index: number; outcome: FuzzOutcome; ms: number; rss: number; inputBytes: number; seedName: string; mutations: string[] }
  | { type: 'finished' };

function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

async function runOne(bytes: Uint8Array, fileName: string, maxAnalysisSec: number): Promise<FuzzOutcome> {
  let decoded: Awaited<ReturnType<typeof decodeAudio>>;
  try {
    decoded = await decodeAudio(bytes, fileName, { maxAnalysisSec });
  } catch (error) {
    if (error instanceof DecodeError) return { kind: 'rejected', detail: error.reason };
    return { kind: 'violation', detail: `decodeAudio threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` };
  }
  const bad = firstNonFinite(decoded.samples);
  if (bad >= 0) return { kind: 'violation', detail: `decoded sample ${bad} is ${decoded.samples[bad]}` };
  if (decoded.samples.length > Math.ceil(maxAnalysisSec * decoded.sampleRate) + 1) {
    return { kind: 'violation', detail: `${decoded.samples.length} samples decoded, more than the ${maxAnalysisSec} s window` };
  }
  let analysis: ReturnType<typeof analyse>;
  try {
    analysis = analyse(decoded.samples, decoded.sampleRate);
  } catch (error) {
    return { kind: 'violation', detail: `analyse threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` };
  }
  for (const [name, value] of Object.entries(analysis.descriptors)) {
    if (!Number.isFinite(value)) return { kind: 'violation', detail: `descriptor ${name} is ${value}` };
  }
  if (firstNonFinite(analysis.waveform) >= 0) return { kind: 'violation', detail: 'waveform has a non-finite peak' };
  const facts = [decoded.sourcePeak, decoded.clippedFraction, decoded.dcOffset, decoded.format.durationSec, decoded.format.sampleRate];
  if (firstNonFinite(facts) >= 0) return { kind: 'violation', detail: `non-finite decode facts ${facts.join(', ')}` };
  return decoded.partial === null ? { kind: 'decoded', detail: decoded.format.codec } : { kind: 'partial', detail: decoded.partial };
}

const port = parentPort;
if (!port) throw new Error('fuzz-worker must run in a worker thread');
const { runSeed, from, to, maxAnalysisSec } = workerData as FuzzWorkerData;
const seeds = buildSeeds();
for (let index = from; index < to; index++) {
  const fuzzCase = makeCase(seeds, runSeed, index);
  port.postMessage({ type: 'start', index } satisfies FuzzMessage);
  const started = performance.now();
  const outcome = await runOne(fuzzCase.bytes, fuzzCase.fileName, maxAnalysisSec);
  const ms = performance.now() - started;
  port.postMessage({
    type: 'result', index, outcome, ms, rss: process.memoryUsage().rss, inputBytes: fuzzCase.bytes.length, seedName: fuzzCase.seedName, mutations: fuzzCase.mutations,
  } satisfies FuzzMessage);
}
port.postMessage({ type: 'finished' } satisfies FuzzMessage);
