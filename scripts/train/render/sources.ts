// The instrument sources training may use, and the held-out one used only for testing.
// FluidR3_GM (also reachable as default-GM.sf2) and /usr/share/hydrogen are TEST sets: never train on them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InstrumentSource } from './render.js';
import { DEFAULT_PLAN, type PlanOptions } from './plan.js';

const SF2_DIR = '/usr/share/sounds/sf2';
const ALL_PROGRAMS = Array.from({ length: 128 }, (_, program) => program);
/**
 * Every GM-mapped kit of bank 128 (standard, room, power, electronic, TR-808, jazz, brush): each is
 * another drummer's kit, which is what unseen packs differ by. Orchestra (48), SFX (56) and CM-64
 * (127) are left out: they put timpani, effects and MT-32 sounds on the GM drum keys.
 */
const GM_MAPPED_KITS = [0, 8, 16, 24, 25, 32, 40];
/**
 * Training plans spread drum hits over the whole velocity range (soft layers included), and render
 * 60 notes per melodic category and source, three times DEFAULT_PLAN's 20: with 20, most GM programs
 * got two or three notes, too few to tell an instrument from the pitch it was played at. Measured
 * by `npm run train` (20 → 60): unseen FluidR3 category 73.0 → 75.7% (keys, lead, brass, wind rose;
 * drums 83.9 → 82.1), precision@10 72.6/69.0 → 75.7/72.9; unseen Hydrogen 69.5 → 68.0%, p@10
 * 76.5/63.3 → 77.7/64.8; leave-one-pack-out drums (the same files both times) 81.7 → 82.8%.
 */
const TRAINING_PLAN: PlanOptions = { ...DEFAULT_PLAN, notesPerCategory: 60, drumVelocities: [20, 127] };

/** Bank-0 programs and drum kits present in freepats, read from its timidity config. */
function freepatsInstruments(configPath: string): { programs: number[]; drumKits: number[] } {
  const programs: number[] = [];
  let section: 'bank' | 'drumset' | null = null;
  for (const line of readFileSync(configPath, 'utf8').split('\n')) {
    if (/^\s*bank\s+0\b/.test(line)) section = 'bank';
    else if (/^\s*drumset\b/.test(line)) section = 'drumset';
    else if (section === 'bank') {
      const match = /^\s*(\d+)\s+\S+\.pat/.exec(line);
      if (match) programs.push(Number(match[1]));
    }
  }
  return { programs, drumKits: [0] };
}

/** A timidity config that can only see freepats, so timidity never falls back to FluidR3. */
function freepatsConfig(cacheDir: string): string {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, 'freepats-only.cfg');
  writeFileSync(path, 'dir /usr/share/midi/freepats\nsource /etc/timidity/freepats.cfg\n');
  return path;
}

export function trainingSources(cacheDir: string): InstrumentSource[] {
  return [
    { pack: 'TimGM6mb', synthesiser: { type: 'fluidsynth', soundfont: `${SF2_DIR}/TimGM6mb.sf2` }, instruments: { programs: ALL_PROGRAMS, drumKits: GM_MAPPED_KITS }, plan: TRAINING_PLAN },
    { pack: 'sf_GMbank', synthesiser: { type: 'fluidsynth', soundfont: `${SF2_DIR}/sf_GMbank.sf2` }, instruments: { programs: ALL_PROGRAMS, drumKits: GM_MAPPED_KITS }, plan: TRAINING_PLAN },
    { pack: 'OPL-3_FM', synthesiser: { type: 'fluidsynth', soundfont: `${SF2_DIR}/OPL-3_FM_128M.sf2` }, instruments: { programs: ALL_PROGRAMS, drumKits: [0] }, plan: TRAINING_PLAN },
    { pack: 'freepats', synthesiser: { type: 'timidity', config: freepatsConfig(cacheDir) }, instruments: freepatsInstruments('/etc/timidity/freepats.cfg'), plan: TRAINING_PLAN },
  ];
}

/** Rendered exactly like the training sources but never trained on: the unseen GM test set. */
export function heldOutSource(): InstrumentSource {
  return {
    pack: 'FluidR3_GM',
    synthesiser: { type: 'fluidsynth', soundfont: `${SF2_DIR}/FluidR3_GM.sf2` },
    instruments: { programs: ALL_PROGRAMS, drumKits: [0, 25, 40] },
    plan: { drumsPerCategoryPerKit: 8, notesPerCategory: 16, drumLoops: 10, bassLoops: 6, musicLoops: 6 },
  };
}
