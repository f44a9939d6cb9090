// `sampledex`: the command-line front door onto the same LibraryService the app and server use.
import { parseArgs } from 'node:util';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { SearchHit } from '../../src-shared/sample.js';
import { formatHits } from './format-hits.js';
import { isLibraryError } from '../../src-shared/errors.js';
import { openLibrary, type LibraryService, type StoreOptions } from '../core/service/library-service.js';
import { defaultLibraryDir } from '../core/service/library-paths.js';
import { createProgressReporter, summaryText } from './progress-bar.js';
import { packageRoot } from '../core/pipeline/package-root.js';
import { fetchDemoSamples, runDemo } from './demo.js';
import { evaluateLabels, readLabelCsv } from '../core/service/evaluate-labels.js';
import { formatEvaluation } from './evaluate-report.js';

const USAGE = `sampledex — sample library manager

usage:
  sampledex index <folder>... [--library DIR]        analyse folders (incremental) into the library
  sampledex similar <audio-file | library path> [-n 10] [--library DIR] [--json]
  sampledex stats [--library DIR]                    totals, genres, categories as JSON
  sampledex export [--library DIR] [--out FILE]      one JSON line per file
  sampledex serve [--library DIR] [--port 8001] [--host 127.0.0.1] [--static DIR] [--watch]
  sampledex evaluate [--labels CSV] [--library DIR] [--json]
                                                     accuracy against labels (default: the public corpus)
  sampledex demo [--library DIR]                     index the demo library and show a search

--library defaults to ${defaultLibraryDir()} (or $SAMPLEDEX_LIBRARY)
index, similar, stats and serve take --store chroma --chroma-url URL [--chroma-collection NAME]: search a
shared Chroma server's collection instead of the local index (the catalogue stays in --library)`;

type Options = {
  library?: string;
  n?: string;
  json?: boolean;
  out?: string;
  port?: string;
  host?: string;
  static?: string;
  workers?: string;
  watch?: boolean;
  labels?: string;
  store?: string;
  'chroma-url'?: string;
  'chroma-collection'?: string;
  help?: boolean;
};

function storeOptions(options: Options): StoreOptions {
  const kind = options.store ?? (options['chroma-url'] ? 'chroma' : 'local');
  if (kind === 'local') return { kind: 'local' };
  if (kind !== 'chroma') throw new Error(`unknown --store ${kind} (local or chroma)`);
  const url = options['chroma-url'];
  if (!url) throw new Error('--store chroma needs --chroma-url URL (e.g. http://127.0.0.1:8000)');
  return { kind: 'chroma', url, collection: options['chroma-collection'] };
}

/** Notices from the core, on stderr so that --json output on stdout stays clean. */
const logToTerminal = (line: string): void => void process.stderr.write(`sampledex: ${line}\n`);

async function withLibrary<T>(options: Options, work: (library: LibraryService) => Promise<T>): Promise<T> {
  const library = await openLibrary({
    libraryDir: options.library ?? defaultLibraryDir(),
    workers: options.workers ? Number(options.workers) : undefined,
    store: storeOptions(options),
    log: logToTerminal,
  });
  try {
    return await work(library);
  } finally {
    await library.close();
  }
}

async function similar(target: string, options: Options): Promise<void> {
  const n = Number(options.n ?? 10);
  await withLibrary(options, async (library) => {
    const path = resolve(target);
    const known = library.catalogue.getByPath(path);
    let hits: SearchHit[];
    if (known) {
      hits = await library.similarToSample(known.id, { n });
    } else {
      if (!existsSync(path)) throw new Error(`no such file: ${path}`);
      hits = await library.similarToAudio(new Uint8Array(readFileSync(path)), basename(path), { n });
    }
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ query: path, results: hits.map((h) => ({ ...h.sample, distance: h.distance })) }, null, 2)}\n`);
    } else {
      process.stdout.write(`samples like ${path}:\n${formatHits(hits)}\n`);
    }
  });
}

async function exportLines(options: Options): Promise<void> {
  await withLibrary(options, async (library) => {
    const file = options.out ? createWriteStream(options.out) : null;
    const out: NodeJS.WritableStream = file ?? process.stdout;
    for (const line of library.catalogue.iterateExport()) {
      if (!out.write(`${JSON.stringify(line)}\n`)) await new Promise((r) => out.once('drain', r));
    }
    if (file) await new Promise<void>((r) => file.end(r));
  });
}

async function serve(options: Options): Promise<void> {
  const { startServer } = await import('../server/index.js');
  const library = await openLibrary({ libraryDir: options.library ?? defaultLibraryDir(), store: storeOptions(options), log: logToTerminal });
  const server = await startServer({
    api: library,
    host: options.host ?? '127.0.0.1',
    port: options.port ? Number(options.port) : 8001,
    // The web app built beside this package, wherever the command is run from.
    staticDir: options.static ?? resolve(packageRoot(), 'out', 'renderer'),
  });
  process.stderr.write(`sampledex serving ${library.files.dir} at ${server.url}\n`);
  const stopWatching = options.watch
    ? library.watchFolders((error) => process.stderr.write(`sampledex: re-indexing watched folders failed: ${error.message}\n`))
    : null;
  const stop = async (): Promise<void> => {
    stopWatching?.();
    await server.close();
    await library.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      library: { type: 'string' },
      n: { type: 'string', short: 'n' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      static: { type: 'string' },
      workers: { type: 'string' },
      watch: { type: 'boolean' },
      labels: { type: 'string' },
      store: { type: 'string' },
      'chroma-url': { type: 'string' },
      'chroma-collection': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const options = values as Options;
  const [command, ...args] = positionals;
  if (!command || options.help) {
    process.stdout.write(`${USAGE}\n`);
    return command || options.help ? 0 : 1;
  }
  switch (command) {
    case 'index': {
      if (args.length === 0) throw new Error('index needs at least one folder');
      const summary = await withLibrary(options, (library) => {
        const dispose = library.onIndexProgress(createProgressReporter());
        return library.indexFolders(args).finally(dispose);
      });
      process.stdout.write(`${options.json ? JSON.stringify(summary) : summaryText(summary)}\n`);
      return 0;
    }
    case 'similar':
      if (args.length !== 1) throw new Error('similar needs one audio file or library path');
      await similar(args[0], options);
      return 0;
    case 'stats':
      await withLibrary(options, async (library) => process.stdout.write(`${JSON.stringify(await library.stats(), null, 2)}\n`));
      return 0;
    case 'export':
      await exportLines(options);
      return 0;
    case 'serve':
      await serve(options);
      return 0;
    case 'evaluate': {
      const labels = options.labels ?? join(fetchDemoSamples(packageRoot()), '..', '..', '..', 'manifest.csv');
      const report = await withLibrary(options, (library) => evaluateLabels(library, readLabelCsv(labels)));
      process.stdout.write(`${options.json ? JSON.stringify(report, null, 2) : formatEvaluation(report)}\n`);
      return 0;
    }
    case 'demo':
      await runDemo(options.library);
      return 0;
    default:
      process.stderr.write(`unknown command: ${command}\n\n${USAGE}\n`);
      return 1;
  }
}

// `sampledex export | head` closes the pipe early: that is a normal end, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    const message = isLibraryError(error) || error instanceof Error ? error.message : String(error);
    process.stderr.write(`sampledex: ${message}\n`);
    process.exitCode = 1;
  },
);
