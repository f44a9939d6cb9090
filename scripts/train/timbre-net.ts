// Trains the timbre networks (src-main/core/analyse/timbre-net.ts) by handing the analysis's own
// network inputs to timbre_net.py (PyTorch on the CPU): one on every training example (shipped)
// and one per leave-one-pack-out fold (for honest evaluation). Cached by a hash of everything that
// goes in, so re-running `npm run train` retrains only when data, options or the script change.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Descriptors } from '../../src-shared/sample.js';
import { packageRoot } from '../../src-main/core/pipeline/package-root.js';
import { CATEGORIES } from '../../src-shared/taxonomy.js';
import { MEL_BAND_COUNT } from '../../src-main/core/analyse/spectral-frame.js';
import { parseTimbreNet, timbreDescriptors, timbreLogProbabilities, TIMBRE_FRAMES, TIMBRE_NET_VERSION, type TimbreNetJson } from '../../src-main/core/analyse/timbre-net.js';
import type { Example } from './dataset.js';
import { packGroup } from './evaluate.js';

/**
 * Measured on this data (one seed, unseen sets; then leave-one-pack-out): 8-16-32 channels alone
 * reach FluidR3 70.2% (drums 80.3%) and Hydrogen 66.1%, against 72.5/82.6 and 62.2 for a descriptor
 * MLP; their log-probabilities summed, 75.1/86.7 and 67.9. 20 epochs take ~150 s on two cores.
 */
export const TIMBRE_NET_OPTIONS = {
  channels: [8, 16, 32],
  hidden: 128,
  epochs: 20,
  batchSize: 64,
  learningRate: 0.003,
  weightDecay: 0.001,
  dropIn: 0.2,
  dropout: 0.3,
  labelSmoothing: 0.1,
  seed: 1,
  // Fixed, not the machine's core count: the summation order (so the weights) depends on it.
  threads: 2,
};

/** The dB range kept below an input's loudest cell. */
const RANGE_DB = 80;

const SCRIPT = join(packageRoot(), 'scripts', 'train', 'timbre_net.py');

export interface TimbreNets {
  /** Trained on every training example: what ships. */
  final: TimbreNetJson;
  /** Pack group → the network that never saw it. */
  folds: Map<string, TimbreNetJson>;
}

function pythonExecutable(): string {
  if (process.env.SAMPLEDEX_PYTHON) return process.env.SAMPLEDEX_PYTHON;
  // Debian's python3-torch installs into the system interpreter, which a pyenv shim may hide.
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

function runPython(folder: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(pythonExecutable(), [SCRIPT, folder], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((line) => log(line)));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', (error) => reject(new Error(`could not start ${pythonExecutable()}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const hint = /No module named 'torch'/.test(errors) ? ' PyTorch is missing: run `bash scripts/setup-train-env.sh` (Debian\'s python3-torch).' : '';
      reject(new Error(`timbre_net.py failed (exit ${String(code)}).${hint}\n${errors.slice(-2000)}`));
    });
  });
}

/** Trains (or reuses from the cache) the final network and one per pack group of `originals`. */
export async function trainTimbreNets(originals: readonly Example[], augmented: readonly Example[], inputs: ReadonlyMap<string, Float32Array>, cacheDir: string, log: (line: string) => void): Promise<TimbreNets> {
  const rows = [...originals, ...augmented];
  const groups = [...new Set(originals.map((e) => packGroup(e.pack)))].sort();
  const models = ['final', ...groups.map((g) => `fold-${g}`)];
  const job = {
    version: TIMBRE_NET_VERSION,
    input: { bands: MEL_BAND_COUNT, frames: TIMBRE_FRAMES, rangeDb: RANGE_DB },
    classes: [...CATEGORIES],
    options: TIMBRE_NET_OPTIONS,
    models,
    categories: rows.map((e) => e.category),
    groups: rows.map((e) => packGroup(e.pack)),
  };
  const data = new Float32Array(rows.length * MEL_BAND_COUNT * TIMBRE_FRAMES);
  rows.forEach((e, i) => {
    const input = inputs.get(e.path);
    if (!input) throw new Error(`no timbre input for ${e.path}`);
    data.set(input, i * MEL_BAND_COUNT * TIMBRE_FRAMES);
  });
  const bytes = new Uint8Array(data.buffer);
  const key = createHash('sha1').update(JSON.stringify(job)).update(readFileSync(SCRIPT)).update(bytes).digest('hex').slice(0, 12);
  const folder = join(cacheDir, 'timbre-net', key);
  const load = (name: string) => parseTimbreNet(JSON.parse(readFileSync(join(folder, `${name}.json`), 'utf8')));
  if (!models.every((name) => existsSync(join(folder, `${name}.json`)))) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'inputs.f32'), bytes);
    writeFileSync(join(folder, 'job.json'), JSON.stringify(job));
    log(`Training ${models.length} timbre networks (PyTorch, ${TIMBRE_NET_OPTIONS.threads} threads) on ${rows.length} examples under ${folder}…`);
    await runPython(folder, log);
  } else {
    log(`Timbre networks: reusing ${folder}`);
  }
  for (const name of models) checkAgainstPyTorch(load(name), JSON.parse(readFileSync(join(folder, `${name}.check.json`), 'utf8')) as number[][], rows.map((e) => inputs.get(e.path)!), name);
  return { final: load('final'), folds: new Map(groups.map((g) => [g, load(`fold-${g}`)])) };
}

/**
 * The TypeScript forward pass (what the app runs) must give PyTorch's log-probabilities for the
 * rows timbre_net.py checked: a wrong weight layout or batch-norm fold fails training here.
 */
function checkAgainstPyTorch(net: TimbreNetJson, expected: readonly number[][], inputs: readonly Float32Array[], name: string): void {
  expected.forEach((row, i) => {
    const ours = timbreLogProbabilities(inputs[i], net);
    const worst = Math.max(...net.classes.map((category, c) => Math.abs(ours[CATEGORIES.indexOf(category)] - row[c])));
    // The JSON keeps 6 significant digits of each weight; that moves log-probabilities by ~1e-4.
    if (!(worst < 2e-3)) throw new Error(`timbre network ${name}: TypeScript and PyTorch disagree on row ${i} by ${worst}`);
  });
}

/** `example` with its timbre descriptors from `net` (the rest unchanged). */
export function withTimbre<E extends { path: string; descriptors: Descriptors }>(example: E, net: TimbreNetJson, inputs: ReadonlyMap<string, Float32Array>): E {
  const input = inputs.get(example.path);
  if (!input) throw new Error(`no timbre input for ${example.path}`);
  return { ...example, descriptors: { ...example.descriptors, ...timbreDescriptors(input, net) } };
}
