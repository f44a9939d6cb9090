// What to render from one instrument source: a deterministic list of slots (one output file each),
// laid end to end in a single MIDI file so the synthesiser loads its soundfont only once.
import type { Category, Kind } from '../../../src-shared/taxonomy.js';
import { CATEGORIES, DRUM_CATEGORIES } from '../../../src-shared/taxonomy.js';
import { midiToNoteName } from '../../../src-shared/music.js';
import {
  CC_ALL_SOUND_OFF, CC_BANK_SELECT, CC_RESET_CONTROLLERS, type MidiEvent,
} from './midi.js';
import { GM_DRUM_CHANNEL, drumNoteCategory, gmDrumGroup, noteLengthRangeMs, programCategory, programNoteRange } from './gm-labels.js';
import { createRandom, hashString, pick, randomInt } from './prng.js';

const MELODIC_CHANNEL = 0;

export interface RenderSlot {
  /** File name stem, unique within the source. */
  id: string;
  category: Category;
  kind: Kind;
  /** Tempo of a loop; null for one-shots. */
  bpm: number | null;
  /** Root note of a pitched one-shot (`C3`), empty otherwise. */
  note: string;
  /** What was played, for humans reading the manifest. */
  detail: string;
  startMs: number;
  lengthMs: number;
  /** One-shots are trimmed to their audible extent; loops keep their exact bar length. */
  trim: boolean;
}

export interface SourceInstruments {
  /** Bank-0 programs the source really has. */
  programs: readonly number[];
  /** Bank-128 kits it has (0 = standard). */
  drumKits: readonly number[];
}

export interface RenderPlan {
  slots: RenderSlot[];
  events: MidiEvent[];
  totalMs: number;
}

export interface PlanOptions {
  /** Target files per drum category per kit, before velocity variants are capped. */
  drumsPerCategoryPerKit: number;
  /** Target files per melodic category. */
  notesPerCategory: number;
  drumLoops: number;
  bassLoops: number;
  musicLoops: number;
  /**
   * Velocity span of the drum variants. Multi-layer kits hold soft hits too (a ghost-note snare
   * sounds little like a full one), so training spreads them over the whole range; absent, the
   * original 45–125 spread (what the FluidR3 test renders were made with, kept so they stay fixed).
   */
  drumVelocities?: [number, number];
}

export const DEFAULT_PLAN: PlanOptions = { drumsPerCategoryPerKit: 10, notesPerCategory: 20, drumLoops: 12, bassLoops: 8, musicLoops: 8 };

/** Tempi producers actually use, from hip-hop to drum & bass. */
const LOOP_TEMPI = [85, 90, 95, 100, 105, 110, 115, 120, 122, 124, 126, 128, 130, 135, 140, 145, 150, 160, 170, 174];
const SILENCE_GAP_MS = 30;

/** 16-step drum grids (x = hit). Kick, snare/clap, closed hat, open hat. */
const DRUM_PATTERNS: { name: string; kick: string; snare: string; hat: string; open: string }[] = [
  { name: 'four-on-floor', kick: 'x...x...x...x...', snare: '....x.......x...', hat: '..x...x...x...x.', open: '..............x.' },
  { name: 'breakbeat', kick: 'x.........x.....', snare: '....x..x.x..x...', hat: 'x.x.x.x.x.x.x.x.', open: '................' },
  { name: 'hiphop', kick: 'x......x..x.....', snare: '....x.......x...', hat: 'x.x.x.x.x.x.x.x.', open: '................' },
  { name: 'two-step', kick: 'x.........x.....', snare: '....x.......x...', hat: 'x.xxx.xxx.xxx.xx', open: '......x.........' },
  { name: 'techno', kick: 'x...x...x...x...', snare: '................', hat: 'xxxxxxxxxxxxxxxx', open: '..x...x...x...x.' },
  { name: 'trap', kick: 'x......x........', snare: '........x.......', hat: 'xxxxxxxxxxxxxxxx', open: '................' },
];

/** Minor-pentatonic offsets for bass and music loops: musical enough, never atonal. */
const SCALE = [0, 3, 5, 7, 10];

/** Velocity of variant `v` of `variants` hits on one drum key. */
function drumVelocity(options: PlanOptions, variants: number, v: number, random: () => number): number {
  if (!options.drumVelocities) return variants === 1 ? randomInt(random, 70, 120) : Math.round(45 + (80 * (v + random() * 0.5)) / variants);
  const [low, high] = options.drumVelocities;
  return Math.round(low + ((high - low) * (v + random())) / variants);
}

export function buildPlan(sourceName: string, instruments: SourceInstruments, options: PlanOptions = DEFAULT_PLAN): RenderPlan {
  const random = createRandom(hashString(sourceName));
  const slots: RenderSlot[] = [];
  const events: MidiEvent[] = [];
  let cursorMs = 200;

  const startSlot = (drumKit: number | null, program: number | null): number => {
    const at = cursorMs;
    for (const channel of [MELODIC_CHANNEL, GM_DRUM_CHANNEL]) {
      events.push({ timeMs: at, type: 'controller', channel, controller: CC_ALL_SOUND_OFF, value: 0 });
      events.push({ timeMs: at, type: 'controller', channel, controller: CC_RESET_CONTROLLERS, value: 0 });
    }
    if (program !== null) {
      events.push({ timeMs: at, type: 'controller', channel: MELODIC_CHANNEL, controller: CC_BANK_SELECT, value: 0 });
      events.push({ timeMs: at, type: 'program', channel: MELODIC_CHANNEL, program });
    }
    if (drumKit !== null) events.push({ timeMs: at, type: 'program', channel: GM_DRUM_CHANNEL, program: drumKit });
    return at + SILENCE_GAP_MS;
  };
  const note = (channel: number, pitch: number, velocity: number, onMs: number, lengthMs: number) => {
    events.push({ timeMs: onMs, type: 'noteOn', channel, note: pitch, velocity });
    events.push({ timeMs: onMs + lengthMs, type: 'noteOff', channel, note: pitch });
  };
  const addSlot = (slot: Omit<RenderSlot, 'id'>) => {
    slots.push({ ...slot, id: `${String(slots.length).padStart(4, '0')}-${slot.category}` });
    cursorMs = slot.startMs + slot.lengthMs + 20;
  };

  // Drum one-shots: every GM key of every kit, with velocity variants so each category gets about
  // the same number of files however many keys it spans. Single-kit sources get more variants.
  // The layout (which keys, how many variants) follows the GM groups for every kit; the label is
  // the key's TAXONOMY category in that kit (drumNoteCategory), so relabelling a key renames only its files.
  const notesByCategory = new Map<Category, number[]>();
  for (let key = 35; key <= 81; key++) {
    const category = gmDrumGroup(key);
    if (category) notesByCategory.set(category, [...(notesByCategory.get(category) ?? []), key]);
  }
  const kitFactor = instruments.drumKits.length === 1 ? 2 : 1;
  for (const kit of instruments.drumKits) {
    for (const category of DRUM_CATEGORIES) {
      const keys = notesByCategory.get(category) ?? [];
      const variants = Math.max(1, Math.min(6, Math.round((options.drumsPerCategoryPerKit * kitFactor) / keys.length)));
      for (const key of keys) {
        for (let v = 0; v < variants; v++) {
          const velocity = drumVelocity(options, variants, v, random);
          const start = startSlot(kit, null);
          const tailMs = category === 'cymbal' ? 3500 : 1800;
          note(GM_DRUM_CHANNEL, key, Math.min(127, velocity), start, 150);
          addSlot({ category: drumNoteCategory(key, kit) ?? category, kind: 'one-shot', bpm: null, note: '', detail: `kit${kit}:key${key}:vel${velocity}`, startMs: start, lengthMs: 150 + tailMs, trim: true });
        }
      }
    }
  }

  // Pitched one-shots: spread the per-category quota over the programs the source has.
  const programsByCategory = new Map<Category, number[]>();
  for (const program of instruments.programs) {
    const category = programCategory(program);
    if (category) programsByCategory.set(category, [...(programsByCategory.get(category) ?? []), program]);
  }
  for (const category of CATEGORIES) {
    const programs = programsByCategory.get(category) ?? [];
    if (programs.length === 0) continue;
    // Drum-like programs (woodblock, melodic tom) are capped: the drum kits already cover them.
    const quota = DRUM_CATEGORIES.includes(category) ? 6 : options.notesPerCategory;
    const perProgram = Math.max(2, Math.ceil(quota / programs.length));
    for (const program of programs) {
      const [low, high] = programNoteRange(program, category);
      const [shortest, longest] = noteLengthRangeMs(category);
      for (let n = 0; n < perProgram; n++) {
        const pitch = randomInt(random, low, high);
        const velocity = randomInt(random, 60, 120);
        const heldMs = randomInt(random, shortest, longest);
        const start = startSlot(null, program);
        note(MELODIC_CHANNEL, pitch, velocity, start, heldMs);
        const tailMs = category === 'pad' || category === 'fx' ? 2000 : 1200;
        const pitched = category !== 'fx' && category !== 'perc' && category !== 'tom';
        addSlot({ category, kind: 'one-shot', bpm: null, note: pitched ? midiToNoteName(pitch) : '', detail: `prog${program}:key${pitch}:vel${velocity}`, startMs: start, lengthMs: heldMs + tailMs, trim: true });
      }
    }
  }

  // Loops: two bars at a known tempo, cut exactly on the bar line like a producer's loop.
  const bassPrograms = programsByCategory.get('bass') ?? [];
  const musicPrograms = [...(programsByCategory.get('keys') ?? []), ...(programsByCategory.get('pad') ?? []), ...(programsByCategory.get('lead') ?? []), ...(programsByCategory.get('guitar') ?? [])];
  const loopKinds: ('drum' | 'bass' | 'music')[] = [
    ...Array<'drum'>(options.drumLoops).fill('drum'),
    ...Array<'bass'>(bassPrograms.length ? options.bassLoops : 0).fill('bass'),
    ...Array<'music'>(musicPrograms.length ? options.musicLoops : 0).fill('music'),
  ];
  for (const loopKind of loopKinds) {
    const bpm = pick(random, LOOP_TEMPI);
    const stepMs = 60000 / bpm / 4;
    const bars = 2;
    const lengthMs = bars * 16 * stepMs;
    const kit = pick(random, instruments.drumKits);
    const program = loopKind === 'bass' ? pick(random, bassPrograms) : loopKind === 'music' ? pick(random, musicPrograms) : null;
    const start = startSlot(kit, program);
    let detail = '';
    if (loopKind === 'drum') {
      const pattern = pick(random, DRUM_PATTERNS);
      const snareKey = pick(random, [38, 40, 39]);
      detail = `drums:${pattern.name}:kit${kit}`;
      for (let step = 0; step < bars * 16; step++) {
        const s = step % 16;
        const at = start + step * stepMs;
        const accent = s % 4 === 0 ? 1 : 0.75;
        if (pattern.kick[s] === 'x') note(GM_DRUM_CHANNEL, 36, Math.round(115 * accent), at, 60);
        if (pattern.snare[s] === 'x') note(GM_DRUM_CHANNEL, snareKey, Math.round(110 * accent), at, 60);
        if (pattern.hat[s] === 'x') note(GM_DRUM_CHANNEL, 42, randomInt(random, 60, 100), at, 40);
        if (pattern.open[s] === 'x') note(GM_DRUM_CHANNEL, 46, 90, at, 80);
      }
    } else {
      const root = loopKind === 'bass' ? randomInt(random, 33, 45) : randomInt(random, 55, 67);
      detail = `${loopKind}:prog${program}:root${root}`;
      // A repeating one-bar riff on eighths/sixteenths, plus a kick on the beat half the time so
      // loops are not all pure melody.
      const riff = Array.from({ length: 16 }, (_, s) => (s % 2 === 0 || random() < 0.3) && random() < 0.75);
      riff[0] = true;
      const riffNotes = riff.map(() => root + pick(random, SCALE) + (random() < 0.2 ? 12 : 0));
      const withKick = random() < 0.5;
      for (let step = 0; step < bars * 16; step++) {
        const s = step % 16;
        const at = start + step * stepMs;
        if (riff[s]) {
          if (loopKind === 'music' && s % 8 === 0) {
            for (const offset of [0, 3, 7]) note(MELODIC_CHANNEL, root + offset, 90, at, stepMs * 3);
          } else {
            note(MELODIC_CHANNEL, riffNotes[s], randomInt(random, 80, 115), at, stepMs * 0.9);
          }
        }
        if (withKick && s % 4 === 0) note(GM_DRUM_CHANNEL, 36, 110, at, 60);
      }
    }
    addSlot({ category: 'loop', kind: 'loop', bpm, note: '', detail, startMs: start, lengthMs, trim: false });
  }

  return { slots, events, totalMs: cursorMs + 500 };
}
