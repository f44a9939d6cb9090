// Builds the web renderer into a private folder so a test run never races another build of out/renderer.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../test/corpus.js';

const run = promisify(execFile);

export async function buildWebApp(outDir: string): Promise<string> {
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  await run(process.execPath, [vite, 'build', '-c', 'vite.web.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`web build produced no index.html in ${outDir}`);
  return outDir;
}
