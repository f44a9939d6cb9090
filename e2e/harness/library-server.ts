// The real thing under test: a LibraryService on a fresh library folder behind the HTTP server,
// on an ephemeral port, serving the freshly built web app. Built in-process (no CLI parsing to
// depend on); the analysis worker is the bundled one that `npm run build:node` writes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LibraryApi } from '../../src-shared/api.js';
import { repoRoot } from '../../test/corpus.js';

const run = promisify(execFile);

const SERVICE_MODULE = join(repoRoot, 'src-main', 'core', 'service', 'library-service.ts');
const SERVER_MODULE = join(repoRoot, 'src-main', 'server', 'server.ts');
/** The trained embedding model the analysis needs (written by `npm run train`; SAMPLEDEX_RESOURCES overrides, as in the core). */
const EMBEDDING_MODEL = join(process.env.SAMPLEDEX_RESOURCES ?? join(repoRoot, 'resources'), 'embedding-model.json');
/** Other engineers write the core and server in parallel: wait this long for their files to appear. */
const WAIT_FOR_MODULES_MS = Number(process.env.SAMPLEDEX_E2E_WAIT_MS ?? 120_000);

export interface LibraryServer {
  url: string;
  api: LibraryApi;
  close(): Promise<void>;
}

async function waitForFiles(paths: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing = paths.filter((path) => !existsSync(path));
    if (missing.length === 0) return;
    if (Date.now() > deadline) throw new Error(`e2e needs the real core and server; still missing: ${missing.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

async function ensureAnalysisWorkerBuilt(): Promise<void> {
  // Always rebuild: a stale worker bundle would test yesterday's analysis (esbuild takes ~1 s).
  await run(process.execPath, [join(repoRoot, 'scripts', 'build-node.mjs')], { cwd: repoRoot });
  if (!existsSync(join(repoRoot, 'out', 'node', 'analysis-worker.js'))) throw new Error('npm run build:node did not produce out/node/analysis-worker.js');
}

export async function startLibraryServer(options: { libraryDir: string; staticDir: string }): Promise<LibraryServer> {
  await waitForFiles([SERVICE_MODULE, SERVER_MODULE, EMBEDDING_MODEL], WAIT_FOR_MODULES_MS);
  await ensureAnalysisWorkerBuilt();
  const { openLibrary } = await import('../../src-main/core/service/library-service.js');
  const { startServer } = await import('../../src-main/server/server.js');
  // Two workers: the machine running e2e is small and shared.
  const library = await openLibrary({ libraryDir: options.libraryDir, workers: 2 });
  const server = await startServer({ api: library, port: 0, staticDir: options.staticDir });
  return {
    url: server.url,
    api: library,
    async close() {
      await server.close();
      await library.close();
    },
  };
}
