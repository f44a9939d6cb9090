// Labelled material for the musical fields (bpm, key, note) with KNOWN truth, rendered with
// fluidsynth. Two sets, planned the same way from different seeds and different soundfonts:
//
//   - `tuning`: TimGM6mb, OPL-3 FM and sf_GMbank, one seed each. Estimator constants are chosen on
//     this set only.
//   - `test` (held out): FluidR3_GM with its own seed. Nothing is tuned on it; it is what we report
//     and what test/musical asserts, so its figures say how the estimators do on unseen material.
//
//   npx esbuild scripts/testsets/musical.ts --bundle --platform=node --format=esm \
//     --packages=external --outfile=.cache/musical-testset.mjs && node .cache/musical-testset.mjs [test|tuning]
//
// writes .cache/musical-testset/ or .cache/musical-tuning/ ({*.wav,manifest.csv}). Everything is
// planned from fixed seeds, and
// each kind renders as one long MIDI file (one fluidsynth start, which is what costs time) that is
// cut into slots afterwards: loops are cut to exactly their whole bars, notes trimmed like packs.
// Tests import renderMusicalTestset() and pass `every` to render a smaller deterministic subset.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { midiToNoteName, PITCH_CLASSES } from '../../src-shared/music.js';
import { CC_ALL_SOUND_OFF, CC_RESET_CONTROLLERS, writeMidiFile, type MidiEvent } from '../train/render/midi.js';
import { createRandom, pick, randomInt } from '../train/render/prng.js';
import { readWav, toMono, trimSilence, writeMonoWav } from '../train/render/wav.js';

export const FLUID_R3 = '/usr/share/sounds/sf2/FluidR3_GM.sf2';
/** Bump when the plan changes, so cached renders are redone. */
export const TESTSET_VERSION = 2;
const SAMPLE_RATE = 44100;

export type TestsetName = 'test' | 'tuning';

interface Font {
  /** Short name, prefixed to file ids when a set holds several fonts. */
  name: string;
  path: string;
  seed: number;
}

/**
 * The held-out set is FluidR3 alone; the tuning set is three other GM banks (a sampled one, an FM
 * one and a small sampled one), so constants fitted there must generalise across timbres to score
 * on FluidR3.
 */
export const TESTSET_FONTS: Readonly<Record<TestsetName, readonly Font[]>> = {
  test: [{ name: 'fluidr3', path: FLUID_R3, seed: 20240611 }],
  tuning: [
    { name: 'timgm', path: '/usr/share/sounds/sf2/TimGM6mb.sf2', seed: 7_001 },
    { name: 'opl3', path: '/usr/share/sounds/sf2/OPL-3_FM_128M.sf2', seed: 7_002 },
    { name: 'gmbank', path: '/usr/share/sounds/sf2/sf_GMbank.sf2', seed: 7_003 },
  ],
};
const DRUMS = 9;
const CHORDS = 0;
const BASS = 1;
/** Silence between slots, so one slot's tail never reaches the next. */
const GAP_MS = 2500;

export type TestKind = 'note' | 'unpitched' | 'drum-loop' | 'tonal-loop';

export interface MusicalTestFile {
  path: string;
  kind: TestKind;
  /** Tempo of loops; null for one-shots. */
  bpm: number | null;
  /** `A minor` etc. for tonal loops; null otherwise. */
  key: string | null;
  /** `C3` etc. for pitched notes; null otherwise. */
  note: string | null;
  detail: string;
}

interface Slot {
  file: Omit<MusicalTestFile, 'path'>;
  id: string;
  events: MidiEvent[];
  lengthMs: number;
  /** Notes are trimmed like one-shots; loops keep exactly their bars. */
  trim: boolean;
}

// ---------------------------------------------------------------------------------------------
// Pitched single notes: GM programs across the ranges producers use them in.

const NOTE_PROGRAMS: ReadonlyArray<[program: number, name: string, low: number, high: number]> = [
  [0, 'piano', 28, 96],
  [4, 'epiano', 36, 84],
  [11, 'vibraphone', 53, 89],
  [16, 'organ', 36, 84],
  [19, 'church_organ', 36, 79],
  [24, 'nylon_guitar', 40, 76],
  [32, 'acoustic_bass', 28, 50],
  [33, 'finger_bass', 28, 52],
  [34, 'pick_bass', 28, 52],
  [38, 'synth_bass1', 24, 52],
  [39, 'synth_bass2', 24, 52],
  [42, 'cello', 36, 62],
  [48, 'strings', 43, 84],
  [56, 'trumpet', 55, 82],
  [57, 'trombone', 40, 67],
  [61, 'brass_section', 45, 74],
  [62, 'synth_brass', 40, 76],
  [65, 'alto_sax', 49, 80],
  [71, 'clarinet', 50, 84],
  [73, 'flute', 60, 93],
  [80, 'square_lead', 45, 84],
  [81, 'saw_lead', 40, 84],
  [87, 'bass_lead', 28, 60],
  [89, 'warm_pad', 40, 76],
];
const NOTES_PER_PROGRAM = 6;
/** GM drum notes rendered as unpitched one-shots (note must come out null). */
const UNPITCHED_DRUMS: ReadonlyArray<[note: number, name: string]> = [
  [36, 'kick'], [38, 'snare'], [39, 'clap'], [42, 'closed_hat'], [46, 'open_hat'], [49, 'crash'], [51, 'ride'], [70, 'maracas'], [54, 'tambourine'], [75, 'claves'],
];

function noteSlots(random: () => number): Slot[] {
  const slots: Slot[] = [];
  for (const [program, name, low, high] of NOTE_PROGRAMS) {
    // Spread evenly over the range with a little jitter, so every register is covered.
    for (let i = 0; i < NOTES_PER_PROGRAM; i++) {
      const centre = low + ((high - low) * (i + 0.5)) / NOTES_PER_PROGRAM;
      const midi = Math.max(low, Math.min(high, Math.round(centre + (random() - 0.5) * 4)));
      const holdMs = randomInt(random, 500, 1500);
      slots.push({
        id: `note_${name}_${midiToNoteName(midi).replace('#', 's')}`,
        file: { kind: 'note', bpm: null, key: null, note: midiToNoteName(midi), detail: name },
        events: [
          { timeMs: 0, type: 'program', channel: CHORDS, program },
          { timeMs: 0, type: 'noteOn', channel: CHORDS, note: midi, velocity: randomInt(random, 80, 115) },
          { timeMs: holdMs, type: 'noteOff', channel: CHORDS, note: midi },
        ],
        lengthMs: holdMs + 1500,
        trim: true,
      });
    }
  }
  for (const [note, name] of UNPITCHED_DRUMS) {
    slots.push({
      id: `hit_${name}`,
      file: { kind: 'unpitched', bpm: null, key: null, note: null, detail: name },
      events: [
        { timeMs: 0, type: 'noteOn', channel: DRUMS, note, velocity: 110 },
        { timeMs: 300, type: 'noteOff', channel: DRUMS, note },
      ],
      lengthMs: 2000,
      trim: true,
    });
  }
  return slots;
}

// ---------------------------------------------------------------------------------------------
// Drum loops: GM kit patterns on a 16-step grid per bar.

interface DrumStyle {
  name: string;
  tempo: [number, number];
  /** note → 16 steps per bar, as a string: x = accent, o = normal, . = rest. */
  lanes: Record<number, string>;
}

const KICK = 36;
const SNARE = 38;
const CLAP = 39;
const CLOSED_HAT = 42;
const OPEN_HAT = 46;
const RIDE = 51;

const DRUM_STYLES: readonly DrumStyle[] = [
  { name: 'house', tempo: [118, 130], lanes: { [KICK]: 'x...x...x...x...', [CLAP]: '....x.......x...', [CLOSED_HAT]: '..o...o...o...o.', [OPEN_HAT]: '..........o.....' } },
  { name: 'techno', tempo: [125, 140], lanes: { [KICK]: 'x...x...x...x...', [CLOSED_HAT]: 'o.o.o.o.o.o.o.o.', [RIDE]: '..o...o...o...o.' } },
  { name: 'breakbeat', tempo: [125, 140], lanes: { [KICK]: 'x.........x.....', [SNARE]: '....x.......x...', [CLOSED_HAT]: 'o.o.o.o.o.o.o.o.' } },
  { name: 'breakbeat2', tempo: [100, 135], lanes: { [KICK]: 'x.x.......x..x..', [SNARE]: '....x..o.o..x...', [CLOSED_HAT]: 'o.o.o.o.o.o.o.o.' } },
  { name: 'dnb', tempo: [160, 178], lanes: { [KICK]: 'x.........x.....', [SNARE]: '....x.......x...', [CLOSED_HAT]: 'o.o.o.o.o.o.o.o.' } },
  { name: 'dnb2', tempo: [165, 178], lanes: { [KICK]: 'x.....x...x.....', [SNARE]: '....x.......x..o', [RIDE]: 'o.o.o.o.o.o.o.o.' } },
  { name: 'hiphop', tempo: [78, 98], lanes: { [KICK]: 'x......o..x.....', [SNARE]: '....x.......x...', [CLOSED_HAT]: 'o.o.o.o.o.o.o.o.' } },
  { name: 'boombap', tempo: [85, 100], lanes: { [KICK]: 'x..o......x..o..', [SNARE]: '....x.......x...', [CLOSED_HAT]: 'o.o.o.o.o.o.o.o.' } },
  // Trap at the usual 130–150 notation: half-time snare on 3, rolling hats.
  { name: 'trap', tempo: [130, 150], lanes: { [KICK]: 'x......x..x.....', [SNARE]: '........x.......', [CLOSED_HAT]: 'ooooo.ooooooo.oo' } },
  { name: 'disco', tempo: [110, 125], lanes: { [KICK]: 'x...x...x...x...', [SNARE]: '....x.......x...', [OPEN_HAT]: '..o...o...o...o.', [CLOSED_HAT]: 'o...o...o...o...' } },
  { name: 'slow', tempo: [70, 85], lanes: { [KICK]: 'x.......x.......', [SNARE]: '....x.......x...', [CLOSED_HAT]: 'o.o.o.o.o.o.o.o.' } },
];
const LOOPS_PER_DRUM_STYLE = 8;
const LOW_TOM = 45;
const MID_TOM = 47;
const HIGH_TOM = 50;

/**
 * How a loop is played beyond its lanes: swing delays every second 16th by this share of a 16th
 * (0 = straight; 0.33 ≈ triplet feel, as MPC swing 66%), and a fill replaces the last beat of the
 * last bar with a snare/tom run, as loops cut from a song's phrase end often do.
 */
interface Feel {
  swing: number;
  fill: boolean;
}

function randomFeel(random: () => number, style: DrumStyle): Feel {
  // Straight-grid styles (house, techno, dnb) are rarely swung; hip hop and breaks often are.
  const swingy = ['hiphop', 'boombap', 'breakbeat2', 'slow', 'disco'].includes(style.name);
  const swing = random() < (swingy ? 0.6 : 0.15) ? 0.1 + random() * 0.23 : 0;
  return { swing, fill: random() < 0.3 };
}

function drumEvents(style: DrumStyle, bpm: number, bars: number, random: () => number, feel: Feel = { swing: 0, fill: false }): MidiEvent[] {
  const stepMs = 60_000 / bpm / 4;
  const events: MidiEvent[] = [];
  const hit = (step: number, note: number, velocity: number): void => {
    const timeMs = (step + (step % 2 === 1 ? feel.swing : 0)) * stepMs;
    events.push({ timeMs, type: 'noteOn', channel: DRUMS, note, velocity });
    events.push({ timeMs: timeMs + stepMs * 0.9, type: 'noteOff', channel: DRUMS, note });
  };
  for (let bar = 0; bar < bars; bar++) {
    const fillFrom = feel.fill && bar === bars - 1 ? 12 : 16;
    for (const [noteText, lane] of Object.entries(style.lanes)) {
      const note = Number(noteText);
      for (let step = 0; step < fillFrom; step++) {
        const mark = lane[step];
        if (mark === '.') continue;
        hit(bar * 16 + step, note, (mark === 'x' ? 110 : 80) + randomInt(random, -8, 8));
      }
    }
    if (fillFrom < 16) {
      // Kick still on the beat; the 16ths of the fill run down the toms or roll on the snare.
      hit(bar * 16 + 12, KICK, 105);
      const roll = random() < 0.5 ? [SNARE, SNARE, SNARE, SNARE] : [HIGH_TOM, MID_TOM, LOW_TOM, SNARE];
      roll.forEach((note, index) => hit(bar * 16 + 12 + index, note, 85 + index * 8 + randomInt(random, -6, 6)));
    }
  }
  return events;
}

function drumLoopSlots(random: () => number): Slot[] {
  const slots: Slot[] = [];
  for (const style of DRUM_STYLES) {
    for (let i = 0; i < LOOPS_PER_DRUM_STYLE; i++) {
      const bpm = randomInt(random, style.tempo[0], style.tempo[1]);
      // One-bar loops are the hardest case (little autocorrelation to go on); packs ship many.
      const bars = pick(random, [1, 2, 2, 4]);
      const feel = randomFeel(random, style);
      const feelText = `${feel.swing ? ` swing${Math.round(feel.swing * 100)}` : ''}${feel.fill ? ' fill' : ''}`;
      slots.push({
        id: `drums_${style.name}_${bpm}_${bars}bar_${i}`,
        file: { kind: 'drum-loop', bpm, key: null, note: null, detail: `${style.name} ${bars} bar${feelText}` },
        events: drumEvents(style, bpm, bars, random, feel),
        lengthMs: (bars * 4 * 60_000) / bpm,
        trim: false,
      });
    }
  }
  return slots;
}

// ---------------------------------------------------------------------------------------------
// Tonal loops: diatonic chord progressions over a bassline, in every major and minor key.

/** Chords as scale degrees (0-based) of the key's scale; 'V' in minor uses the raised 7th. */
const MAJOR_PROGRESSIONS: readonly number[][] = [[0, 4, 5, 3], [0, 3, 4, 0], [0, 5, 3, 4], [0, 3, 0, 4], [0, 1, 4, 0], [0, 4, 3, 4]];
const MINOR_PROGRESSIONS: readonly number[][] = [[0, 5, 2, 6], [0, 3, 4, 0], [0, 6, 5, 6], [0, 3, 6, 2], [0, 5, 3, 4], [0, 3, 0, 4]];
/**
 * Share of tonal loops cut to start on another chord of their progression (a rotation: IV–V–I–vi
 * instead of I–vi–IV–V), as loops lifted from the middle of a phrase do. Without them the set
 * rewards a "the first bass note is the tonic" shortcut that real loops do not honour.
 */
const OFF_TONIC_SHARE = 0.5;
const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
const NATURAL_MINOR_SCALE = [0, 2, 3, 5, 7, 8, 10];
const CHORD_PROGRAMS: readonly number[] = [0, 4, 5, 16, 48, 50, 81, 89, 90, 62, 24, 11];
const BASS_PROGRAMS: readonly number[] = [32, 33, 34, 38, 39, 87];
const TONAL_LOOPS = 72;

/** Pitch classes (relative to the tonic) of the triad on `degree`; minor keys take a major V. */
function triad(mode: 'major' | 'minor', degree: number): number[] {
  const scale = mode === 'major' ? MAJOR_SCALE : NATURAL_MINOR_SCALE;
  const notes = [0, 2, 4].map((step) => {
    const index = degree + step;
    return scale[index % 7] + 12 * Math.floor(index / 7);
  });
  if (mode === 'minor' && degree === 4) notes[1] += 1; // harmonic minor's leading tone
  return notes;
}

function tonalLoopSlots(random: () => number): Slot[] {
  const slots: Slot[] = [];
  for (let i = 0; i < TONAL_LOOPS; i++) {
    // Walk through all 24 keys three times, in a shuffled-by-seed order of tonics.
    const mode = i % 2 === 0 ? 'major' : 'minor';
    const tonic = (i * 7 + Math.floor(i / 24) * 5) % 12;
    const key = `${PITCH_CLASSES[tonic]} ${mode}`;
    const base = pick(random, mode === 'major' ? MAJOR_PROGRESSIONS : MINOR_PROGRESSIONS);
    // Rotate to start on a chord other than the tonic (skipping rotations that start on i/I again).
    const rotations = [1, 2, 3].filter((r) => base[r] !== 0);
    const rotation = random() < OFF_TONIC_SHARE && rotations.length ? pick(random, rotations) : 0;
    const progression = [...base.slice(rotation), ...base.slice(0, rotation)];
    const bpm = randomInt(random, 75, 175);
    const beatsPerChord = bpm >= 140 ? 8 : 4;
    const beatMs = 60_000 / bpm;
    const chordProgram = pick(random, CHORD_PROGRAMS);
    const bassProgram = pick(random, BASS_PROGRAMS);
    const chordStyle = pick(random, ['sustain', 'stabs', 'arp'] as const);
    const bassStyle = pick(random, ['roots', 'eighths', 'octaves', 'fifths'] as const);
    const withDrums = random() < 0.5;
    const chordRoot = 48 + tonic; // C3..B3
    const bassRoot = 36 + tonic - (tonic > 6 ? 12 : 0); // E1..F#2
    const events: MidiEvent[] = [
      { timeMs: 0, type: 'program', channel: CHORDS, program: chordProgram },
      { timeMs: 0, type: 'program', channel: BASS, program: bassProgram },
    ];
    const note = (channel: number, midi: number, fromBeat: number, beats: number, velocity: number): void => {
      events.push({ timeMs: fromBeat * beatMs, type: 'noteOn', channel, note: midi, velocity });
      events.push({ timeMs: (fromBeat + beats) * beatMs - 5, type: 'noteOff', channel, note: midi });
    };
    progression.forEach((degree, index) => {
      const start = index * beatsPerChord;
      const chord = triad(mode, degree).map((interval) => chordRoot + interval);
      // Keep the voicing near the tonic's register, as a player would.
      const voiced = chord.map((midi) => (midi - chordRoot > 9 ? midi - 12 : midi));
      if (chordStyle === 'sustain') for (const midi of voiced) note(CHORDS, midi, start, beatsPerChord, 80);
      if (chordStyle === 'stabs') for (let beat = 0; beat < beatsPerChord; beat += 1) for (const midi of voiced) note(CHORDS, midi, start + beat + 0.5, 0.4, 90);
      if (chordStyle === 'arp') for (let step = 0; step < beatsPerChord * 2; step++) note(CHORDS, voiced[step % 3] + (step % 6 >= 3 ? 12 : 0), start + step / 2, 0.5, 85);
      const root = bassRoot + triad(mode, degree)[0];
      const fifth = bassRoot + triad(mode, degree)[2];
      for (let beat = 0; beat < beatsPerChord; beat++) {
        if (bassStyle === 'roots') note(BASS, root, start + beat, 1, 100);
        if (bassStyle === 'eighths') for (const half of [0, 0.5]) note(BASS, root, start + beat + half, 0.45, 95);
        if (bassStyle === 'octaves') for (const half of [0, 0.5]) note(BASS, root + (half ? 12 : 0), start + beat + half, 0.45, 95);
        if (bassStyle === 'fifths') note(BASS, beat % 2 === 0 ? root : fifth, start + beat, 1, 100);
      }
    });
    const beats = progression.length * beatsPerChord;
    const bars = beats / 4;
    if (withDrums) {
      const style = pick(random, DRUM_STYLES.filter((s) => !s.name.startsWith('dnb')));
      events.push(...drumEvents(style, bpm, bars, random, randomFeel(random, style)));
    }
    slots.push({
      id: `tonal_${key.replace(' ', '_').replace('#', 's')}_${bpm}_${i}`,
      file: { kind: 'tonal-loop', bpm, key, note: null, detail: `${progression.join('-')} ${chordStyle}/${bassStyle}${withDrums ? ' +drums' : ''}` },
      events,
      lengthMs: beats * beatMs,
      trim: false,
    });
  }
  return slots;
}

// ---------------------------------------------------------------------------------------------
// Rendering.

export function planMusicalTestset(seed: number): Slot[] {
  // One generator per kind so adding notes does not reshuffle the loops.
  return [...noteSlots(createRandom(seed)), ...drumLoopSlots(createRandom(seed + 1)), ...tonalLoopSlots(createRandom(seed + 2))];
}

export const MANIFEST_HEADER = 'path,kind,bpm,key,note,detail';

export function parseMusicalManifest(text: string, dir: string): MusicalTestFile[] {
  return text.trim().split('\n').slice(1).filter(Boolean).map((line) => {
    const [path, kind, bpm, key, note, detail] = line.split(',');
    return { path: join(dir, path), kind: kind as TestKind, bpm: bpm ? Number(bpm) : null, key: key || null, note: note || null, detail: detail ?? '' };
  });
}

/** Throws a message that says what to install when fluidsynth or a soundfont is missing. */
export function assertRendererAvailable(fonts: readonly Font[] = TESTSET_FONTS.test): void {
  for (const font of fonts) {
    if (!existsSync(font.path)) throw new Error(`${font.path} not found: install the Debian/Ubuntu packages fluid-soundfont-gm, timgm6mb-soundfont, opl3-soundfont and musescore-general-soundfont-small (or equivalents)`);
  }
  try {
    execFileSync('fluidsynth', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('fluidsynth not found on PATH: install the Debian/Ubuntu package fluidsynth');
  }
}

function renderBatch(slots: readonly Slot[], dir: string, batchName: string, fontPath: string): MusicalTestFile[] {
  const events: MidiEvent[] = [];
  const starts: number[] = [];
  let cursor = 200;
  for (const slot of slots) {
    starts.push(cursor);
    for (const event of slot.events) events.push({ ...event, timeMs: event.timeMs + cursor });
    const end = cursor + slot.lengthMs;
    // Silence every channel and reset controllers just before the next slot.
    for (const channel of [CHORDS, BASS, DRUMS]) {
      events.push({ timeMs: end + GAP_MS - 50, type: 'controller', channel, controller: CC_ALL_SOUND_OFF, value: 0 });
      events.push({ timeMs: end + GAP_MS - 50, type: 'controller', channel, controller: CC_RESET_CONTROLLERS, value: 0 });
    }
    cursor = Math.ceil(end + GAP_MS);
  }
  const midiPath = join(dir, `${batchName}.mid`);
  const wavPath = join(dir, `${batchName}.wav`);
  writeFileSync(midiPath, writeMidiFile(events));
  // -R 0 -C 0: reverb and chorus off, so loops end where their bars end.
  execFileSync('fluidsynth', ['-q', '-ni', '-R', '0', '-C', '0', '-g', '0.5', '-F', wavPath, '-r', String(SAMPLE_RATE), '-T', 'wav', '-O', 's16', fontPath, midiPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  const mono = toMono(readWav(readFileSync(wavPath)));
  rmSync(midiPath, { force: true });
  rmSync(wavPath, { force: true });
  const files: MusicalTestFile[] = [];
  slots.forEach((slot, index) => {
    const from = Math.round((starts[index] / 1000) * SAMPLE_RATE);
    const to = from + Math.round((slot.lengthMs / 1000) * SAMPLE_RATE);
    let samples: Float32Array = mono.slice(from, Math.min(mono.length, to));
    if (slot.trim) samples = trimSilence(samples, SAMPLE_RATE);
    let peak = 0;
    for (const value of samples) peak = Math.max(peak, Math.abs(value));
    if (peak < 0.003) return; // a preset the soundfont lacks: skip rather than label silence
    for (let i = 0; i < samples.length; i++) samples[i] *= 0.89 / peak;
    const name = `${slot.id}.wav`;
    writeFileSync(join(dir, name), writeMonoWav(samples, SAMPLE_RATE));
    files.push({ path: join(dir, name), ...slot.file });
  });
  return files;
}

export interface RenderOptions {
  /** `test` (FluidR3, held out; the default) or `tuning` (the other fonts). */
  set?: TestsetName;
  /** Output folder; .cache/musical-testset or .cache/musical-tuning by default (-every-N for subsets). */
  dir?: string;
  /** Keep every n-th slot of each kind (tests render a subset); 1 = all. */
  every?: number;
  log?: (line: string) => void;
}

/** Renders (or reuses the cached render of) a set and returns its manifest rows. */
export function renderMusicalTestset(options: RenderOptions = {}): MusicalTestFile[] {
  const set = options.set ?? 'test';
  const every = Math.max(1, Math.floor(options.every ?? 1));
  const base = set === 'test' ? 'musical-testset' : 'musical-tuning';
  const dir = options.dir ?? join(process.cwd(), '.cache', every === 1 ? base : `${base}-every-${every}`);
  const manifestPath = join(dir, 'manifest.csv');
  const stampPath = join(dir, 'version');
  if (existsSync(manifestPath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === String(TESTSET_VERSION)) {
    return parseMusicalManifest(readFileSync(manifestPath, 'utf8'), dir);
  }
  const fonts = TESTSET_FONTS[set];
  assertRendererAvailable(fonts);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: MusicalTestFile[] = [];
  for (const font of fonts) {
    // Several fonts share one folder: prefix ids so their files cannot collide.
    const plan = planMusicalTestset(font.seed).map((slot) => (fonts.length > 1 ? { ...slot, id: `${font.name}_${slot.id}`, file: { ...slot.file, detail: `${slot.file.detail} ${font.name}` } } : slot));
    for (const kind of ['note', 'unpitched', 'drum-loop', 'tonal-loop'] as const) {
      const slots = plan.filter((slot) => slot.file.kind === kind).filter((_, index) => index % every === 0);
      files.push(...renderBatch(slots, dir, `${font.name}-${kind}`, font.path));
      options.log?.(`${font.name} ${kind}: ${slots.length} rendered`);
    }
  }
  const rows = files.map((file) => [file.path.slice(dir.length + 1), file.kind, file.bpm ?? '', file.key ?? '', file.note ?? '', file.detail].join(','));
  writeFileSync(manifestPath, [MANIFEST_HEADER, ...rows].join('\n') + '\n');
  writeFileSync(stampPath, String(TESTSET_VERSION));
  return files;
}

// Run from the repository root (paths are relative to it), as the bundle the header shows.
if (process.argv[1]?.endsWith('musical-testset.mjs')) {
  const set: TestsetName = process.argv[2] === 'tuning' ? 'tuning' : 'test';
  const files = renderMusicalTestset({ set, log: (line) => console.log(line) });
  console.log(`${files.length} ${set} files rendered`);
}
