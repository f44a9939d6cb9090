// Per-stage timings of the per-file work (read, decode, analyse and its parts, embed) over the
// public corpus, in one thread, so a CPU profile (`node --cpu-prof`) shows where indexing time
// goes. Never asserted anywhere: it prints what this machine measured this run.
//
//   node scripts/bench/build-profile.mjs && node out/bench/profile-analysis.js [--repeat 3] [--stages]
//   node --cpu-prof --cpu-prof-dir=/tmp/prof out/bench/profile-analysis.js && node scripts/bench/cpuprofile-top.mjs /tmp/prof/*.cpuprofile
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeAudio } from '../../src-main/core/decode/index.js';
import { analyse } from '../../src-main/core/analyse/index.js';
import { computeFrames } from '../../src-main/core/analyse/stft.js';
import { timbreLogProbabilities } from '../../src-main/core/analyse/timbre-net.js';
import { envelopeTimes, rmsEnvelope } from '../../src-main/core/analyse/envelope.js';
import { integratedLoudness } from '../../src-main/core/analyse/loudness.js';
import { analyseRhythm } from '../../src-main/core/analyse/rhythm.js';
import { estimatePitch } from '../../src-main/core/analyse/pitch.js';
import { audioHash } from '../../src-main/core/analyse/audio-hash.js';
import { embed } from '../../src-main/core/embed/index.js';
import { findResourcesDir, loadAnalysisResources } from '../../src-main/core/pipeline/analysis-resources.js';
import { corpusEntries } from '../../test/corpus.js';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' }, stages: { type: 'boolean' }, limit: { type: 'string' } } });
const repeat = Math.max(1, Number(values.repeat));
const entries = corpusEntries().slice(0, values.limit ? Number(values.limit) : undefined);
const resources = loadAnalysisResources(findResourcesDir());

type Stage = 'read' | 'decode' | 'analyse' | 'embed' | 'stft' | 'envelope' | 'loudness' | 'rhythm' | 'pitch' | 'hash' | 'timbre net';
const totals = new Map<Stage, number[]>();
const add = (stage: Stage, round: number, ms: number): void => {
  const list = totals.get(stage) ?? [];
  list[round] = (list[round] ?? 0) + ms;
  totals.set(stage, list);
};
const time = <T>(stage: Stage, round: number, work: () => T): T => {
  const t = performance.now();
  const result = work();
  add(stage, round, performance.now() - t);
  return result;
};

let audioSeconds = 0;
let failures = 0;
// CPU time (this process, V8's helper threads included) per round: on a machine shared with other
// jobs it moves far less than wall time, so compare changes by it.
const cpuMsPerRound: number[] = [];
for (let round = 0; round < repeat; round++) {
  const cpuStart = process.cpuUsage();
  for (const entry of entries) {
    const bytes = time('read', round, () => new Uint8Array(readFileSync(entry.path)));
    const t = performance.now();
    let decoded: Awaited<ReturnType<typeof decodeAudio>>;
    try {
      decoded = await decodeAudio(bytes, basename(entry.path));
    } catch {
      failures++;
      continue;
    }
    add('decode', round, performance.now() - t);
    if (round === 0) audioSeconds += decoded.samples.length / decoded.sampleRate;
    const { samples, sampleRate } = decoded;
    const analysis = time('analyse', round, () => analyse(samples, sampleRate, resources.timbreNet));
    time('embed', round, () => embed(analysis.descriptors, resources.embeddingModel));
    if (values.stages) {
      // The parts of analyse() timed one by one (same inputs as analyse() gives them).
      const table = time('stft', round, () => computeFrames(samples, sampleRate));
      const times = time('envelope', round, () => envelopeTimes(rmsEnvelope(samples, sampleRate)));
      time('loudness', round, () => integratedLoudness(samples, sampleRate));
      time('rhythm', round, () => analyseRhythm(table.scalars.onsetStrength, sampleRate / table.hopSize));
      const start = Math.round((times.peakTime + 0.02) * sampleRate);
      const end = Math.round((times.peakTime + Math.max(times.decayTime20db, 0.1)) * sampleRate);
      time('pitch', round, () => estimatePitch(samples, sampleRate, start, end));
      time('hash', round, () => audioHash(samples, sampleRate));
      if (resources.timbreNet) time('timbre net', round, () => timbreLogProbabilities(analysis.timbreInput, resources.timbreNet!));
    }
  }
  const cpu = process.cpuUsage(cpuStart);
  cpuMsPerRound.push((cpu.user + cpu.system) / 1000);
}

const files = entries.length - failures / repeat;
process.stdout.write(`${files} files, ${(audioSeconds / files).toFixed(2)} s of analysed audio per file, ${repeat} rounds (min / median ms per file)\n`);
let perFile = 0;
for (const [stage, rounds] of totals) {
  const sorted = rounds.map((ms) => ms / files).sort((a, b) => a - b);
  const min = sorted[0];
  const median = sorted[Math.floor(sorted.length / 2)];
  if (stage === 'read' || stage === 'decode' || stage === 'analyse' || stage === 'embed') perFile += min;
  process.stdout.write(`  ${stage.padEnd(10)} ${min.toFixed(2).padStart(8)} ${median.toFixed(2).padStart(8)}\n`);
}
process.stdout.write(`  one core: ${(1000 / perFile).toFixed(1)} files/s (read + decode + analyse + embed, best round)\n`);
const cpuPerFile = cpuMsPerRound.map((ms) => ms / files).sort((a, b) => a - b);
process.stdout.write(`  CPU ms per file (min / median over rounds${values.stages ? ', stage breakdown included' : ''}): ${cpuPerFile[0].toFixed(2)} / ${cpuPerFile[Math.floor(cpuPerFile.length / 2)].toFixed(2)}\n`);
