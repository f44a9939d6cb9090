// Fast loop for the tempo estimator's constants: decodes and frames every loop of a rendered musical
// set once, caches the onset envelopes that analyseRhythm reads (.cache/tempo-envelopes-<set>.json),
// then re-runs only analyseRhythm over them and lists the misses. Seconds instead of minutes, so
// constants can be tried on `tuning`; `test` is for reporting only.
//
//   npx esbuild scripts/testsets/tune-tempo.ts --bundle --platform=node --format=esm \
//     --packages=external --outfile=.cache/tune-tempo.mjs && node .cache/tune-tempo.mjs [tuning|test]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyseRhythm, bandOnsets } from '../../src-main/core/analyse/rhythm.js';
import { computeFrames } from '../../src-main/core/analyse/stft.js';
import { decodeAudio } from '../../src-main/core/decode/index.js';
import { renderMusicalTestset, type TestsetName } from './musical.js';

interface CachedLoop {
  name: string;
  detail: string;
  bpm: number;
  framesPerSecond: number;
  onset: number[];
  low: number[];
  snare: number[];
}

async function envelopes(set: TestsetName): Promise<CachedLoop[]> {
  const cachePath = join(process.cwd(), '.cache', `tempo-envelopes-${set}.json`);
  if (existsSync(cachePath)) return JSON.parse(readFileSync(cachePath, 'utf8')) as CachedLoop[];
  const loops: CachedLoop[] = [];
  for (const file of renderMusicalTestset({ set })) {
    if (file.bpm === null) continue;
    const decoded = await decodeAudio(new Uint8Array(readFileSync(file.path)), basename(file.path));
    const table = computeFrames(decoded.samples, decoded.sampleRate);
    const bands = bandOnsets(table.vectors.logMel, table.frameCount, decoded.sampleRate, table.frameSize);
    loops.push({
      name: basename(file.path),
      detail: file.detail,
      bpm: file.bpm,
      framesPerSecond: decoded.sampleRate / table.hopSize,
      onset: Array.from(table.scalars.onsetStrength),
      low: Array.from(bands.low),
      snare: Array.from(bands.snare),
    });
  }
  writeFileSync(cachePath, JSON.stringify(loops));
  return loops;
}

async function main(): Promise<void> {
  const set: TestsetName = process.argv[2] === 'test' ? 'test' : 'tuning';
  const loops = await envelopes(set);
  let within = 0;
  let octave = 0;
  const started = process.hrtime.bigint();
  for (const loop of loops) {
    const { tempo } = analyseRhythm(Float64Array.from(loop.onset), loop.framesPerSecond, { low: Float64Array.from(loop.low), snare: Float64Array.from(loop.snare) });
    const bpm = Math.round(tempo * 10) / 10;
    const ratio = bpm / loop.bpm;
    if (Math.abs(ratio - 1) <= 0.04) {
      within++;
      continue;
    }
    if ([2, 0.5, 1.5, 2 / 3].some((multiple) => Math.abs(ratio / multiple - 1) <= 0.04)) octave++;
    console.log(`${loop.name} [${loop.detail}] ${loop.bpm} → ${bpm} (${ratio.toFixed(2)}×, ${(loop.onset.length / loop.framesPerSecond).toFixed(2)} s)`);
  }
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${set}: ${within}/${loops.length} = ${(within / loops.length).toFixed(3)} within 4%; ${octave} octave-related misses; ${(elapsedMs / loops.length).toFixed(3)} ms per loop`);
}

if (process.argv[1]?.endsWith('tune-tempo.mjs')) await main();
