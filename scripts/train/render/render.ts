// Renders instrument sources to labelled one-shots and loops under .cache/train, with a manifest.
// Each source renders in batches: one MIDI file per batch, one synthesiser run, then the long WAV
// is cut into slots. Results are cached per source; a changed plan version re-renders.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Category, Kind } from '../../../src-shared/taxonomy.js';
import { writeMidiFile, type MidiEvent } from './midi.js';
import { hashString } from './prng.js';
import { buildPlan, DEFAULT_PLAN, type PlanOptions, type RenderSlot, type SourceInstruments } from './plan.js';
import { readWav, toMono, trimSilence, writeMonoWav } from './wav.js';

/**
 * Bump when the plan, the labels or the cutting change, so cached renders are redone.
 * 5: the brush kit's key 39 is labelled snare (a brush slap), not clap.
 * 6: the ride bell (key 53) is labelled cymbal, not perc.
 */
export const RENDER_VERSION = 6;
const SAMPLE_RATE = 44100;
const SLOTS_PER_BATCH = 120;

export interface RenderedFile {
  path: string;
  pack: string;
  category: Category;
  kind: Kind;
  bpm: number | null;
  note: string;
  detail: string;
}

export type Synthesiser =
  | { type: 'fluidsynth'; soundfont: string }
  | { type: 'timidity'; config: string };

export interface InstrumentSource {
  /** Pack label of everything rendered from it. */
  pack: string;
  synthesiser: Synthesiser;
  instruments: SourceInstruments;
  plan?: PlanOptions;
}

export const MANIFEST_HEADER = 'path,pack,category,kind,bpm,note,detail';

export function manifestLine(file: RenderedFile): string {
  return [file.path, file.pack, file.category, file.kind, file.bpm ?? '', file.note, file.detail].join(',');
}

export function parseManifest(text: string): RenderedFile[] {
  return text.trim().split('\n').slice(1).filter(Boolean).map((line) => {
    const [path, pack, category, kind, bpm, note, detail] = line.split(',');
    return { path, pack, category: category as Category, kind: kind as Kind, bpm: bpm ? Number(bpm) : null, note, detail: detail ?? '' };
  });
}

/**
 * Writes `bytes` to `path` unless the file already holds exactly them. A re-render that gives the
 * same audio keeps the file's mtime, and with it the training's analysis cache (keyed on size and
 * mtime): relabelling a few keys re-analyses only the renamed files. Returns whether it wrote.
 */
export function writeFileIfChanged(path: string, bytes: Uint8Array): boolean {
  if (existsSync(path) && statSync(path).size === bytes.length && Buffer.compare(readFileSync(path), bytes) === 0) return false;
  writeFileSync(path, bytes);
  return true;
}

/** Deletes the WAV files in `dir` that `keep` does not list (left over from an earlier plan). */
export function removeStaleWavs(dir: string, keep: readonly RenderedFile[]): void {
  const kept = new Set(keep.map((file) => file.path));
  for (const name of readdirSync(dir)) if (name.endsWith('.wav') && !kept.has(join(dir, name))) rmSync(join(dir, name));
}

function runSynthesiser(synthesiser: Synthesiser, midiPath: string, wavPath: string): void {
  if (synthesiser.type === 'fluidsynth') {
    // -ni: no shell, no MIDI input; -F: fast offline render; reverb and chorus off so no effect
    // tail becomes a fingerprint of the source.
    execFileSync('nice', ['fluidsynth', '-q', '-ni', '-R', '0', '-C', '0', '-F', wavPath, '-r', String(SAMPLE_RATE), '-g', '0.6', '-T', 'wav', '-O', 's16', synthesiser.soundfont, midiPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  } else {
    execFileSync('nice', ['timidity', '-c', synthesiser.config, '-Ow', '-o', wavPath, '-s', String(SAMPLE_RATE), '-EFreverb=d', '-EFchorus=d', '--quiet=2', midiPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
}

/** Events of the slots in [first, last], shifted so the batch starts near time 0. */
function batchEvents(events: readonly MidiEvent[], fromMs: number, toMs: number): MidiEvent[] {
  return events.filter((e) => e.timeMs >= fromMs && e.timeMs < toMs).map((e) => ({ ...e, timeMs: e.timeMs - fromMs + 100 }));
}

/** What a cached render was made from: the code version, and the source's kits, programs and plan (a changed source re-renders). */
function renderStamp(source: InstrumentSource): string {
  return `${RENDER_VERSION}:${hashString(JSON.stringify({ instruments: source.instruments, plan: source.plan ?? DEFAULT_PLAN })).toString(16)}`;
}

export function renderSource(source: InstrumentSource, outputRoot: string, log: (line: string) => void = () => {}): RenderedFile[] {
  const dir = join(outputRoot, source.pack);
  const manifestPath = join(dir, 'manifest.csv');
  const stampPath = join(dir, 'render-version');
  const stamp = renderStamp(source);
  if (existsSync(manifestPath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp) {
    return parseManifest(readFileSync(manifestPath, 'utf8'));
  }
  mkdirSync(dir, { recursive: true });
  const plan = buildPlan(source.pack, source.instruments, source.plan ?? DEFAULT_PLAN);
  const files: RenderedFile[] = [];
  let written = 0;
  for (let first = 0; first < plan.slots.length; first += SLOTS_PER_BATCH) {
    const batch = plan.slots.slice(first, first + SLOTS_PER_BATCH);
    const fromMs = batch[0].startMs - 40;
    const last = batch[batch.length - 1];
    const toMs = last.startMs + last.lengthMs + 10;
    const midiPath = join(dir, 'batch.mid');
    const wavPath = join(dir, 'batch.wav');
    writeFileSync(midiPath, writeMidiFile(batchEvents(plan.events, fromMs, toMs)));
    runSynthesiser(source.synthesiser, midiPath, wavPath);
    const audio = readWav(readFileSync(wavPath));
    const mono = toMono(audio);
    for (const slot of batch) {
      const cut = cutSlot(slot, mono, audio.sampleRate, fromMs - 100, dir, source.pack);
      if (cut) files.push(cut.file);
      if (cut?.written) written++;
    }
    log(`  ${source.pack}: ${Math.min(first + SLOTS_PER_BATCH, plan.slots.length)}/${plan.slots.length} slots`);
  }
  rmSync(join(dir, 'batch.mid'), { force: true });
  rmSync(join(dir, 'batch.wav'), { force: true });
  removeStaleWavs(dir, files);
  log(`  ${source.pack}: ${written} of ${files.length} files new or changed`);
  writeFileSync(manifestPath, [MANIFEST_HEADER, ...files.map(manifestLine)].join('\n') + '\n');
  writeFileSync(stampPath, stamp);
  return files;
}

function cutSlot(slot: RenderSlot, mono: Float32Array, sampleRate: number, batchOriginMs: number, dir: string, pack: string): { file: RenderedFile; written: boolean } | null {
  const from = Math.round(((slot.startMs - batchOriginMs) / 1000) * sampleRate);
  const to = Math.min(mono.length, Math.round(((slot.startMs + slot.lengthMs - batchOriginMs) / 1000) * sampleRate));
  let samples: Float32Array = mono.slice(from, to);
  if (slot.trim) samples = trimSilence(samples, sampleRate);
  let peak = 0;
  for (const value of samples) peak = Math.max(peak, Math.abs(value));
  // A preset the synthesiser lacks renders as silence: skip it rather than label silence.
  if (samples.length < sampleRate * 0.03 || peak < 0.003) return null;
  // Normalise to -1 dBFS as sample packs do, so level is not a source fingerprint.
  const gain = 0.89 / peak;
  for (let i = 0; i < samples.length; i++) samples[i] *= gain;
  const path = join(dir, `${slot.id}.wav`);
  const written = writeFileIfChanged(path, writeMonoWav(samples, sampleRate));
  return { file: { path, pack, category: slot.category, kind: slot.kind, bpm: slot.bpm, note: slot.note, detail: slot.detail }, written };
}
