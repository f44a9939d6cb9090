// General MIDI → TAXONOMY labels. GM fixes what each drum note and program is, so a rendered note
// carries a trustworthy category for free.
import type { Category } from '../../../src-shared/taxonomy.js';

export const GM_DRUM_CHANNEL = 9;

/** Bank-128 preset of the GS brush kit. */
export const BRUSH_KIT = 40;
/** GM key 53, the ride cymbal's bell. */
const RIDE_BELL = 53;

/**
 * The GM instrument group of a percussion key, notes 35–81 (the standard range every GM kit fills),
 * as the render plan balances its velocity variants over them. Kept as GM files the keys, so that
 * relabelling a key (drumNoteCategory) renames only that key's files and every other render stays.
 */
export function gmDrumGroup(note: number): Category | null {
  if (note < 35 || note > 81) return null;
  if (note === 35 || note === 36) return 'kick';
  if (note === 38 || note === 40) return 'snare';
  if (note === 39) return 'clap';
  if (note === 42 || note === 44 || note === 46) return 'hihat';
  if ([49, 51, 52, 55, 57, 59].includes(note)) return 'cymbal';
  if ([41, 43, 45, 47, 48, 50].includes(note)) return 'tom';
  // Side stick (37), ride bell, tambourine, cowbell, congas, bongos, timbales, shakers, blocks,
  // cuica, triangles...: GM's other percussion.
  return 'perc';
}

/**
 * The TAXONOMY category of key `note` of `kit` (bank-128 preset): its GM group, except where the
 * sound is something else.
 * - The ride bell (53) is the ride cymbal struck on its bell: TAXONOMY's "ride" is a cymbal (and so
 *   is every "Ride Bell" of the Hydrogen kits), though GM files it with the other percussion.
 * - GS kits keep the GM map except where they put another sound on a key: the brush kit plays brush
 *   strokes on the snare keys 38–40, so its key 39 is a "Brush Slap" on the snare, not a hand clap
 *   (TimGM6mb, sf_GMbank and FluidR3 all render it so).
 */
export function drumNoteCategory(note: number, kit = 0): Category | null {
  if (note === RIDE_BELL) return 'cymbal';
  if (kit === BRUSH_KIT && note === 39) return 'snare';
  return gmDrumGroup(note);
}

/**
 * GM program → category. Programs whose sound straddles two categories (or none) return null and
 * are not rendered, so the labels stay clean:
 * - 21–23 accordion/harmonica: free reeds, neither keys nor woodwind to a producer's ear.
 * - 47 timpani, 55 orchestra hit, 104/106/107 sitar/shamisen/koto, 114 steel drums, 116 taiko,
 *   118 synth drum: ambiguous between pitched instrument, drum and effect.
 */
export function programCategory(program: number): Category | null {
  if (program <= 20) return 'keys'; // pianos, chromatic percussion (mallets, bells), organs
  if (program <= 23) return null;
  if (program <= 31) return 'guitar';
  if (program <= 39) return 'bass';
  if (program <= 46) return 'strings'; // violin…contrabass, tremolo, pizzicato, harp (plucked orchestral)
  if (program === 47) return null;
  if (program <= 51) return 'strings'; // ensembles and synth strings
  if (program <= 54) return 'vocal'; // choir aahs, voice oohs, synth voice
  if (program === 55) return null;
  if (program <= 63) return 'brass';
  if (program <= 79) return 'wind'; // saxes, double reeds, clarinet, flutes, pipes, ocarina
  if (program <= 87) return 'lead';
  if (program <= 95) return 'pad';
  if (program <= 103) return 'fx'; // rain, soundtrack, crystal, atmosphere, goblins, echoes, sci-fi
  if (program === 105) return 'guitar'; // banjo
  if (program === 108) return 'keys'; // kalimba: a pitched, bell-like instrument
  if (program === 109 || program === 111) return 'wind'; // bagpipe, shanai
  if (program === 110) return 'strings'; // fiddle
  if (program === 112 || program === 113 || program === 115) return 'perc'; // tinkle bell, agogo, woodblock
  if (program === 117) return 'tom'; // melodic tom
  if (program === 119) return 'fx'; // reverse cymbal: a riser
  if (program >= 120) return 'fx'; // fret noise, breath, seashore, birds, phone, helicopter, applause, gunshot
  return null;
}

/** Playable MIDI note range per program, so renders sit where the instrument is really played. */
export function programNoteRange(program: number, category: Category): [number, number] {
  const overrides: Record<number, [number, number]> = {
    42: [36, 62], // cello
    43: [28, 50], // contrabass
    57: [40, 67], // trombone
    58: [28, 52], // tuba
    67: [36, 62], // baritone sax
    70: [34, 62], // bassoon
    72: [74, 100], // piccolo
    117: [40, 64], // melodic tom
  };
  if (overrides[program]) return overrides[program];
  const byCategory: Partial<Record<Category, [number, number]>> = {
    keys: [36, 96],
    guitar: [40, 76],
    bass: [28, 52],
    strings: [43, 84],
    vocal: [50, 76],
    brass: [45, 74],
    wind: [60, 88],
    lead: [55, 84],
    pad: [45, 72],
    fx: [40, 84],
    perc: [55, 80],
  };
  return byCategory[category] ?? [48, 72];
}

/** How long the key is held, in ms, per category: pads and vocals sustain, basses and leads are shorter. */
export function noteLengthRangeMs(category: Category): [number, number] {
  const ranges: Partial<Record<Category, [number, number]>> = {
    bass: [150, 800],
    lead: [150, 900],
    pad: [1500, 3000],
    vocal: [600, 2000],
    strings: [400, 2000],
    fx: [600, 2500],
    perc: [100, 300],
    tom: [100, 300],
  };
  return ranges[category] ?? [300, 1500];
}

/** Drum kits (bank 128 programs) worth rendering when a soundfont has them: each is a different "pack" of drums. */
export const GM_DRUM_KITS: Record<number, string> = {
  0: 'standard',
  8: 'room',
  16: 'power',
  24: 'electronic',
  25: 'tr808',
  32: 'jazz',
  40: 'brush',
};
