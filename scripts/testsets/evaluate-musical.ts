// Measures bpm/key/note accuracy on a rendered musical set (scripts/testsets/musical.ts) and lists
// every miss: on `tuning` for choosing the estimators' constants, on `test` (FluidR3, held out)
// for reporting what they achieve. Tune on one, report the other.
//
//   npx esbuild scripts/testsets/evaluate-musical.ts --bundle --platform=node --format=esm \
//     --packages=external --outfile=.cache/evaluate-musical.mjs && node .cache/evaluate-musical.mjs [test|tuning] [every]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { analyse } from '../../src-main/core/analyse/index.js';
import { decodeAudio } from '../../src-main/core/decode/index.js';
import { evaluateMusical, type MusicalRow } from '../../src-main/core/models/musical-evaluation.js';
import { musicalFields, type MusicalFields } from '../../src-main/core/models/musical-fields.js';
import type { Descriptors } from '../../src-shared/sample.js';
import { renderMusicalTestset, type MusicalTestFile, type TestsetName } from './musical.js';

export interface AnalysedTestFile {
  file: MusicalTestFile;
  descriptors: Descriptors;
  fields: MusicalFields;
}

/** Decodes and analyses one rendered file as the pipeline does, and derives its musical fields. */
export async function analyseTestFile(file: MusicalTestFile): Promise<AnalysedTestFile> {
  const decoded = await decodeAudio(new Uint8Array(readFileSync(file.path)), basename(file.path));
  const { descriptors } = analyse(decoded.samples, decoded.sampleRate);
  const isLoop = file.kind === 'drum-loop' || file.kind === 'tonal-loop';
  // Notes are judged with no category (so the estimator itself must say unpitched for drums);
  // loops carry the taxonomy's `loop` category, as the category model gives them.
  const fields = musicalFields(descriptors, isLoop ? 'loop' : 'one-shot', isLoop ? 'loop' : null);
  return { file, descriptors, fields };
}

/** Truth as evaluateMusical reads it: only the fields this kind of file is labelled for. */
export function rowOf({ file, fields }: AnalysedTestFile): MusicalRow {
  switch (file.kind) {
    case 'note':
      return { truth: { note: file.note, bpm: null }, estimate: fields };
    case 'unpitched':
      return { truth: { note: null, bpm: null, key: null }, estimate: fields };
    case 'drum-loop':
      return { truth: { bpm: file.bpm, key: null }, estimate: fields };
    case 'tonal-loop':
      return { truth: { bpm: file.bpm, key: file.key }, estimate: fields };
  }
}

async function main(): Promise<void> {
  const set: TestsetName = process.argv[2] === 'tuning' ? 'tuning' : 'test';
  const every = Number(process.argv[3] ?? 1);
  const files = renderMusicalTestset({ set, every });
  console.log(`set ${set}${set === 'test' ? ' (held out: FluidR3)' : ' (tuning: TimGM6mb, OPL-3 FM, sf_GMbank)'}`);
  const analysed: AnalysedTestFile[] = [];
  const started = Date.now();
  for (const file of files) analysed.push(await analyseTestFile(file));
  console.log(`analysed ${files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const item of analysed) {
    const { file, fields, descriptors } = item;
    const wrongNote = file.kind === 'note' && fields.note !== file.note;
    const wrongBpm = file.bpm !== null && !(fields.bpm && Math.abs(fields.bpm / file.bpm - 1) <= 0.04);
    const wrongKey = (file.kind === 'tonal-loop' && fields.key !== file.key) || (file.kind === 'drum-loop' && fields.key !== null);
    const spuriousNote = file.kind === 'unpitched' && fields.note !== null;
    if (wrongNote || wrongBpm || wrongKey || spuriousNote) {
      const facts = [
        wrongNote || spuriousNote ? `note ${file.note} → ${fields.note} (f0 ${descriptors.f0_hz.toFixed(1)} conf ${descriptors.f0_confidence.toFixed(2)})` : '',
        wrongBpm ? `bpm ${file.bpm} → ${fields.bpm} (dur ${descriptors.duration.toFixed(2)} clarity ${descriptors.pulse_clarity.toFixed(2)})` : '',
        wrongKey ? `key ${file.key} → ${fields.key} (strength ${(descriptors.key_strength ?? NaN).toFixed(2)})` : '',
      ].filter(Boolean);
      console.log(`${basename(file.path)} [${file.detail}]: ${facts.join('; ')}`);
    }
  }
  const byKind = (kinds: string[]) => evaluateMusical(analysed.filter((a) => kinds.includes(a.file.kind)).map(rowOf));
  console.log('notes      ', JSON.stringify(byKind(['note', 'unpitched']).note));
  console.log('drum loops ', JSON.stringify(byKind(['drum-loop']).tempo), 'key', JSON.stringify(byKind(['drum-loop']).key));
  console.log('tonal loops', JSON.stringify(byKind(['tonal-loop']).tempo));
  console.log('keys       ', JSON.stringify(byKind(['tonal-loop']).key));
}

if (process.argv[1]?.endsWith('evaluate-musical.mjs')) await main();
