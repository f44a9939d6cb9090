// `sampledex demo`: the README's run command. Fetches a real demo library (Debian's sonic-pi and
// LMMS samples) when the user has none, indexes it and shows a search, end to end.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../core/pipeline/package-root.js';
import { openLibrary } from '../core/service/library-service.js';
import { createProgressReporter, summaryText } from './progress-bar.js';
import { formatHits } from './format-hits.js';

/** The demo samples folder, fetched once with scripts/fetch-corpus.sh. */
export function fetchDemoSamples(root: string): string {
  const dir = join(root, '.cache', 'corpus');
  if (!existsSync(join(dir, 'root', '.done'))) {
    process.stderr.write('fetching the demo library (Debian sonic-pi-samples and lmms-common)...\n');
    execFileSync('bash', [join(root, 'scripts', 'fetch-corpus.sh'), dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return join(dir, 'root', 'usr', 'share');
}

export async function runDemo(libraryDir?: string): Promise<void> {
  const root = packageRoot();
  const samples = fetchDemoSamples(root);
  const library = await openLibrary({ libraryDir: libraryDir ?? join(root, '.cache', 'demo-library') });
  try {
    const dispose = library.onIndexProgress(createProgressReporter());
    const summary = await library.indexFolders([samples]).finally(dispose);
    process.stdout.write(`${summaryText(summary)}\n\n`);
    const stats = await library.stats();
    process.stdout.write(`library ${library.files.dir}: ${stats.total_samples} samples, embedding dimension ${stats.embedding_dimension}\n`);
    process.stdout.write(`categories: ${JSON.stringify(stats.categories)}\n\n`);
    const query = (await library.listSamples({ text: 'bd_haus' })).items[0] ?? (await library.listSamples({ limit: 1 })).items[0];
    if (query) {
      const hits = await library.similarToSample(query.id, { n: 10 });
      process.stdout.write(`find similar to ${query.path}:\n${formatHits(hits)}\n\n`);
    }
    process.stdout.write('next: `npx sampledex similar <your-file.wav> --library .cache/demo-library`, or `npx sampledex serve --library .cache/demo-library`\n');
  } finally {
    await library.close();
  }
}
