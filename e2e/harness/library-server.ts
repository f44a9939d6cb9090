// The real thing under test: `sampledex serve` (the shipped CLI front door) on a fresh library
// folder, an ephemeral port and the freshly built web app. Other engineers write the core, server
// and CLI in parallel, so the harness waits for their files before it starts.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../test/corpus.js';

const run = promisify(execFile);

const REQUIRED_SOURCES = [
  join(repoRoot, 'src-main', 'core', 'service', 'library-service.ts'),
  join(repoRoot, 'src-main', 'server', 'server.ts'),
  join(repoRoot, 'src-main', 'cli', 'main.ts'),
];
/** The trained embedding model the analysis needs (written by `npm run train`; SAMPLEDEX_RESOURCES overrides, as in the core). */
const EMBEDDING_MODEL = join(process.env.SAMPLEDEX_RESOURCES ?? join(repoRoot, 'resources'), 'embedding-model.json');
const WAIT_FOR_SOURCES_MS = Number(process.env.SAMPLEDEX_E2E_WAIT_MS ?? 120_000);
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface LibraryServer {
  url: string;
  close(): Promise<void>;
}

async function waitForFiles(paths: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing = paths.filter((path) => !existsSync(path));
    if (missing.length === 0) return;
    if (Date.now() > deadline) throw new Error(`e2e needs the real core, server and CLI; still missing: ${missing.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** Always rebuilds out/node (CLI + analysis worker): a stale bundle would test yesterday's code (esbuild takes ~1 s). */
async function buildNodeBundles(): Promise<void> {
  await run(process.execPath, [join(repoRoot, 'scripts', 'build-node.mjs')], { cwd: repoRoot });
  for (const file of ['cli.js', 'analysis-worker.js']) {
    if (!existsSync(join(repoRoot, 'out', 'node', file))) throw new Error(`npm run build:node did not produce out/node/${file}`);
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startLibraryServer(options: { libraryDir: string; staticDir: string }): Promise<LibraryServer> {
  await waitForFiles([...REQUIRED_SOURCES, EMBEDDING_MODEL], WAIT_FOR_SOURCES_MS);
  await buildNodeBundles();
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'sampledex.js'), 'serve', '--library', options.libraryDir, '--port', '0', '--static', options.staticDir],
    { cwd: repoRoot, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sampledex serve did not report its URL within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      // The CLI announces `sampledex serving <library> at http://127.0.0.1:<port>` on stderr.
      const match = / at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sampledex serve exited (${code}) before listening:\n${output}`));
    });
  });
  // Keep draining the pipes so a chatty server never blocks on a full buffer; surface its errors.
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[sampledex serve] ${chunk.toString()}`));
  child.stdout?.resume();
  return { url, close: () => stopProcess(child) };
}
