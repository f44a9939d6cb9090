// The indexing figures' baseline, measured in the same run on the same files: the Python
// prototype's pipeline (librosa, one process; scripts/bench/prototype/extract_features.py).
// Where Python or librosa cannot be had, the prototype's stated figure stands in, labelled so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The prototype's stated throughput (librosa, one process, one-shots), when it cannot be measured. */
export const PROTOTYPE_STATED_FILES_PER_SEC = 20;

export interface Baseline {
  value: number;
  label: string;
}

const SCRIPTS = join('scripts', 'bench', 'prototype');
const PYTHON = join('.cache', 'prototype-venv', 'bin', 'python');

/** A Python that has librosa, and the librosa version it has. */
export interface PrototypeRuntime {
  python: string;
  librosaVersion: string;
}

/** The venv's python with librosa, set up on first use; null (with a line on the log) where that fails. */
export function prototypePython(log: (line: string) => void): PrototypeRuntime | null {
  const python = process.env.SAMPLEDEX_PROTOTYPE_PYTHON ?? PYTHON;
  if (process.env.SAMPLEDEX_PROTOTYPE_PYTHON === undefined && !existsSync(PYTHON)) {
    log('setting up the prototype baseline (python3 venv with librosa, once)…');
    const setup = spawnSync('bash', [join(SCRIPTS, 'setup.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (setup.status !== 0) {
      log('  could not set up librosa: the indexing figures compare with the prototype\'s stated figure instead');
      return null;
    }
  }
  const probe = spawnSync(python, ['-c', 'import librosa; print(librosa.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    log(`  ${python} has no librosa: the indexing figures compare with the prototype's stated figure instead`);
    return null;
  }
  return { python, librosaVersion: probe.stdout.trim() };
}

/** Files/s of the prototype's pipeline over `paths`, or its stated figure where it can't run. */
export function measurePrototype(paths: readonly string[], runtime: PrototypeRuntime | null, log: (line: string) => void): Baseline {
  const stated = { value: PROTOTYPE_STATED_FILES_PER_SEC, label: 'prototype (stated)' };
  if (runtime === null || paths.length < 2) return stated;
  const { python, librosaVersion: version } = runtime;
  const run = spawnSync(python, [join(SCRIPTS, 'extract_features.py')], { input: paths.join('\n'), encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) {
    log(`  the prototype's pipeline failed (${run.stderr.trim().split('\n').pop() ?? 'no message'}): using its stated figure`);
    return stated;
  }
  const { files, failed, seconds } = JSON.parse(run.stdout) as { files: number; failed: number; seconds: number };
  log(`  prototype (librosa ${version}, one process): ${files} files (${failed} failed) in ${seconds.toFixed(1)} s`);
  return { value: Math.round((files / seconds) * 10) / 10, label: `prototype measured (librosa ${version})` };
}
