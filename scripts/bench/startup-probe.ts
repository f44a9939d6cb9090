// Run in a fresh node process by the scale bench (target 4: `bench.js --startupProbe DIR`): opens a
// library, runs the first search and a first listing page, as the app or `serve` does before it can
// answer, then reports timings and RSS. A fresh process is the point: nothing warmed up, nothing in memory.
import { openLibrary } from '../../src-main/core/service/library-service.js';

export interface StartupProbe {
  openMs: number;
  firstSearchMs: number;
  firstListMs: number;
  readyMs: number;
  rssMb: number;
  heapUsedMb: number;
}

/** Opens, searches once, lists once; resolves to the timings (the caller prints them). */
export async function runStartupProbe(libraryDir: string): Promise<StartupProbe> {
  const started = performance.now();
  const library = await openLibrary({ libraryDir, workers: 1 });
  const opened = performance.now();
  const hits = await library.similarToSample(1, { n: 10 });
  if (hits.length === 0) throw new Error('first search found nothing');
  const searched = performance.now();
  await library.listSamples({ limit: 100 });
  const listed = performance.now();
  const memory = process.memoryUsage();
  await library.close();
  return {
    openMs: opened - started,
    firstSearchMs: searched - opened,
    firstListMs: listed - searched,
    readyMs: searched - started,
    rssMb: memory.rss / 2 ** 20,
    heapUsedMb: memory.heapUsed / 2 ** 20,
  };
}
