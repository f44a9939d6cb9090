// `npm run bench -- --scale`: the "Performance and scale" targets 3–5 on a synthetic 100k-sample
// library (built once under the cache folder, see scale-library.ts):
//   3. re-scan of the unchanged library (indexFolders, stat only)   ≤ 10 s
//   4. start-up in a fresh process: openLibrary + first search      ≤ 1.5 s, RSS ≤ 500 MB
//   5. listSamples over a grid of filter combinations               ≤ 50 ms each (worst reported)
// and, with no target, adding and removing a small real pack (the end-of-run library passes).
// Target 2 (search latency at 10k/100k/1M) is search-scale.ts.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { SampleQuery } from '../../src-shared/api.js';
import { openLibrary } from '../../src-main/core/service/library-service.js';
import { findResourcesDir } from '../../src-main/core/pipeline/analysis-resources.js';
import { ensureScaleLibrary, type ScaleLibrary } from './scale-library.js';
import type { StartupProbe } from './startup-probe.js';
import { percentile } from './search-scale.js';
import type { Report } from './report.js';

export const SCALE_COUNT = 100_000;

export function scaleLibrary(cacheDir: string, log: (line: string) => void): ScaleLibrary {
  const model = JSON.parse(readFileSync(join(findResourcesDir(), 'embedding-model.json'), 'utf8')) as { dimension: number };
  return ensureScaleLibrary(cacheDir, SCALE_COUNT, model.dimension, log);
}

/** Target 4, in fresh processes: the first may also build the vector index file (a library never opened before). */
export function benchStartup(report: Report, library: ScaleLibrary, log: (line: string) => void): void {
  // The bench's own bundle in probe mode: a fresh process that loads the same service code as the app.
  const runProbe = (): StartupProbe =>
    JSON.parse(execFileSync(process.execPath, [process.argv[1], '--startupProbe', library.libraryDir], { encoding: 'utf8' })) as StartupProbe;
  const first = runProbe();
  log(`  first open (may build the index file): ready in ${first.readyMs.toFixed(0)} ms`);
  const probes = [runProbe(), runProbe(), runProbe()].sort((a, b) => a.readyMs - b.readyMs);
  const median = probes[1];
  const n = `${library.count / 1000}k`;
  report.figure({ name: `start-up @ ${n}: openLibrary (median of 3)`, value: median.openMs, unit: 'ms' });
  report.figure({ name: `start-up @ ${n}: first search`, value: median.firstSearchMs, unit: 'ms' });
  report.figure({ name: `start-up @ ${n}: ready (open + first search)`, value: median.readyMs, unit: 'ms', target: { max: 1500 } });
  report.figure({ name: `start-up @ ${n}: then first list page`, value: median.firstListMs, unit: 'ms' });
  report.figure({ name: `start-up @ ${n}: RSS after first search`, value: Math.max(...probes.map((p) => p.rssMb)), unit: 'MB', target: { max: 500 } });
}

/** Target 3: a re-scan that finds nothing changed. */
export async function benchRescan(report: Report, library: ScaleLibrary): Promise<void> {
  const service = await openLibrary({ libraryDir: library.libraryDir, workers: 1 });
  try {
    const times: number[] = [];
    for (let round = 0; round < 2; round++) {
      const summary = await service.indexFolders([library.filesDir]);
      if (summary.unchanged !== library.count || summary.analysed + summary.failed + summary.removed + summary.moved > 0) {
        throw new Error(`re-scan was not a no-op: ${JSON.stringify({ ...summary, errors: summary.errors.slice(0, 3) })}`);
      }
      times.push(summary.elapsedSec);
    }
    // The first round may meet a cold page cache for the folder tree; the second is the everyday case.
    report.figure({ name: `re-scan unchanged @ ${library.count / 1000}k files (first)`, value: times[0], unit: 's', target: { max: 10 } });
    report.figure({ name: `re-scan unchanged @ ${library.count / 1000}k files (again)`, value: times[1], unit: 's', target: { max: 10 } });
  } finally {
    await service.close();
  }
}

/**
 * A producer adding a small pack to a big library, then deleting it: both runs are short on
 * analysis and long on what every changing run ends with (the library-wide anomaly and genre
 * passes over all 100k samples). The second run leaves the cached library as it was.
 */
export async function benchAddPack(report: Report, library: ScaleLibrary, packFiles: readonly string[]): Promise<void> {
  const packDir = join(library.filesDir, 'bench-added-pack');
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir);
  packFiles.forEach((file, i) => copyFileSync(file, join(packDir, `${i}-${basename(file)}`)));
  const service = await openLibrary({ libraryDir: library.libraryDir });
  try {
    const added = await service.indexFolders([library.filesDir]);
    if (added.analysed + added.failed !== packFiles.length) throw new Error(`expected ${packFiles.length} new files, indexed ${added.analysed + added.failed}`);
    rmSync(packDir, { recursive: true, force: true });
    const removed = await service.indexFolders([library.filesDir]);
    const n = `${library.count / 1000}k`;
    report.figure({ name: `add a ${packFiles.length}-file pack to the ${n} library (index run)`, value: added.elapsedSec, unit: 's' });
    report.figure({ name: `remove it again (index run)`, value: removed.elapsedSec, unit: 's' });
  } finally {
    rmSync(packDir, { recursive: true, force: true });
    await service.close();
  }
}

/** Filter combinations a person actually clicks together, from one facet to many, plus deep pages and every sort. */
const FILTER_GRID: { label: string; query: SampleQuery }[] = [
  { label: 'no filter (first page)', query: {} },
  { label: 'category', query: { category: 'kick' } },
  { label: 'genre', query: { genre: 'techno' } },
  { label: 'kind', query: { kind: 'loop' } },
  { label: 'bpm range', query: { bpmMin: 120, bpmMax: 130 } },
  { label: 'key', query: { key: 'D major' } },
  { label: 'text (common)', query: { text: 'kick' } },
  { label: 'text (rare)', query: { text: '012345' } },
  { label: 'text (no match)', query: { text: 'zzzq' } },
  { label: 'flagged', query: { flaggedOnly: true } },
  { label: 'failed', query: { failedOnly: true } },
  { label: 'favourites', query: { favouritesOnly: true } },
  { label: 'tag', query: { tag: 'punchy' } },
  { label: 'category + kind', query: { category: 'loop', kind: 'loop' } },
  { label: 'kind + bpm + key', query: { kind: 'loop', bpmMin: 120, bpmMax: 128, key: 'D major' } },
  { label: 'genre + bpm + text', query: { genre: 'house', bpmMin: 100, bpmMax: 140, text: 'loop' } },
  { label: 'category + tag + flagged', query: { category: 'snare', tag: 'dark', flaggedOnly: true } },
  { label: 'text + favourites + kind', query: { text: 'pack-04', favouritesOnly: true, kind: 'one-shot' } },
  { label: 'everything at once', query: { category: 'loop', genre: 'house', kind: 'loop', bpmMin: 90, bpmMax: 180, key: 'F minor', text: 'loop' } },
  { label: 'sort path', query: { sort: 'path' } },
  { label: 'sort category', query: { sort: 'category' } },
  { label: 'sort duration', query: { sort: 'duration' } },
  { label: 'sort bpm', query: { sort: 'bpm' } },
  { label: 'offset 50k (deep page)', query: { offset: 50_000 } },
  { label: 'offset 99.9k, sort duration', query: { offset: 99_900, sort: 'duration' } },
  { label: 'kind + sort bpm + offset 10k', query: { kind: 'loop', sort: 'bpm', offset: 10_000 } },
  { label: 'text + sort category + offset 2k', query: { text: 'pack-0', sort: 'category', offset: 2_000 } },
  // Each way listing.ts finds a page in the other sort orders, at its cheap and its dear end: most rows
  // match (a walk along the order's index), few or deep (scan and sort), one category's file names
  // sorted by category (a walk that may give up), and a deep page of a text in name order.
  { label: 'kind (most) + sort category + 2k', query: { kind: 'one-shot', sort: 'category', offset: 2_000 } },
  { label: 'text (common) + sort category + 5k', query: { text: 'kick', sort: 'category', offset: 5_000 } },
  { label: 'text (1 category) + sort category', query: { text: 'snare_', sort: 'category' } },
  { label: 'text (all) + sort bpm + offset 50k', query: { text: 'pack-0', sort: 'bpm', offset: 50_000 } },
  { label: 'favourites + sort path', query: { favouritesOnly: true, sort: 'path' } },
  { label: 'text (common) + offset 5k', query: { text: 'kick', offset: 5_000 } },
];

/** Target 5: each combination's median of 5 (count + one page of 100, as the list view asks). */
export async function benchFilters(report: Report, library: ScaleLibrary, log: (line: string) => void): Promise<void> {
  const service = await openLibrary({ libraryDir: library.libraryDir, workers: 1 });
  try {
    const medians: number[] = [];
    for (const { label, query } of FILTER_GRID) {
      const times: number[] = [];
      // The process's CPU time too: listing runs on this thread, and on a shared machine the wall
      // clock also counts time spent waiting for a core.
      const cpuTimes: number[] = [];
      let total = 0;
      for (let round = 0; round < 5; round++) {
        const t = performance.now();
        const cpu = process.cpuUsage();
        total = (await service.listSamples({ limit: 100, ...query })).total;
        const spent = process.cpuUsage(cpu);
        times.push(performance.now() - t);
        cpuTimes.push((spent.user + spent.system) / 1000);
      }
      times.sort((a, b) => a - b);
      cpuTimes.sort((a, b) => a - b);
      medians.push(times[2]);
      log(`  list ${label.padEnd(34)} ${times[2].toFixed(1).padStart(7)} ms  (CPU ${cpuTimes[2].toFixed(1).padStart(5)} ms)  (${total} match)`);
    }
    medians.sort((a, b) => a - b);
    const n = `${library.count / 1000}k`;
    report.figure({ name: `list/filter @ ${n}: median over ${FILTER_GRID.length} combinations`, value: percentile(medians, 0.5), unit: 'ms', target: { max: 50 } });
    report.figure({ name: `list/filter @ ${n}: slowest combination`, value: medians[medians.length - 1], unit: 'ms', target: { max: 50 } });
  } finally {
    await service.close();
  }
}
