// Locates the public labelled corpus (../shared/corpus/fetch-public.sh) for tests and benchmarks.
// CI fetches it into .cache/corpus; SAMPLEDEX_CORPUS points elsewhere when set.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src-main/core/pipeline/package-root.js';

export interface CorpusEntry {
  path: string;
  /** Pack the file came from, e.g. `sonic-pi`, `lmms:drums`. */
  source: string;
  category: string;
  detail: string;
}

// Found by package.json, not as `..` of this file: bundled into out/node (npm run train, npm run
// bench), that would be out/.
const repoRoot = packageRoot();

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
