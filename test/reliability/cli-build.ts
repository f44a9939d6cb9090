// The CLI and its analysis worker bundled from the current source for the process-level tests, as
// `npm run build:node` bundles them, but into a folder of the test's own: test files run in
// parallel and out/node may be rebuilt under them at any moment. The worker is found beside the
// CLI bundle (library-service resolveWorkerScript), dependencies load from node_modules.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { nodeBundleOptions } from '../../scripts/node-bundle.mjs';
import { repoRoot } from '../corpus.js';

export async function buildCli(name: string): Promise<string> {
  const outdir = join(repoRoot, 'test-results', 'reliability', `${name}-build`);
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { cli: join(repoRoot, 'src-main/cli/main.ts'), 'analysis-worker': join(repoRoot, 'src-main/core/pipeline/analysis-worker.ts') },
    outdir,
    ...nodeBundleOptions,
  });
  return join(outdir, 'cli.js');
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcess;
  done: Promise<Finished>;
}

/** Starts `node cli.js ...args`; `done` settles when it exits, with everything it printed. */
export function startCli(cli: string, args: string[]): CliRun {
  const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export function runCli(cli: string, args: string[]): Promise<Finished> {
  return startCli(cli, args).done;
}
