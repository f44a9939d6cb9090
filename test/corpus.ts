// Locates the public labelled corpus (../shared/corpus/fetch-public.sh) for tests and benchmarks.
// CI fetches it into .cache/corpus; SAMPLEDEX_CORPUS points elsewhere when set.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusEntry {
  path: string;
  /** Pack the file came from, e.g. `sonic-pi`, `lmms:drums`. */
  source: string;
  category: string;
  detail: string;
}

/**
 * The folder holding package.json above this module: `..` from test/ when run from source, but
 * `../..` from out/node when bundled (npm run train, npm run bench).
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '..');
  }
}

const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

export function corpusDir(): string | null {
  const candidates = [process.env.SAMPLEDEX_CORPUS, join(repoRoot, '.cache', 'corpus'), '/work/cache/corpus'];
  for (const dir of candidates) {
    if (dir && existsSync(join(dir, 'manifest.csv'))) return dir;
  }
  return null;
}

/** Parses manifest.csv (path,source,category,detail). Throws when the corpus is missing: tests need real audio. */
export function corpusEntries(): CorpusEntry[] {
  const dir = corpusDir();
  if (!dir) {
    throw new Error('public corpus not found: run `../shared/corpus/fetch-public.sh .cache/corpus` or set SAMPLEDEX_CORPUS');
  }
  const lines = readFileSync(join(dir, 'manifest.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [path, source, category, detail] = line.split(',');
    return { path, source, category, detail };
  });
}

export { repoRoot };
