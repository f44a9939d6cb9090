// What a sample's name says it is: the category words producers and sample packs put in file and
// folder names ("BD_808_Hard.wav", "Kicks/", "Vox Chop 3", "HiHat_Open"). A second signal the app
// shows beside the audio model's category, never an input to it: the model stands on the audio.
// Pure and environment-free, so the renderer, the export and the server read it alike.
import { pathNames } from './path-names.js';
import type { Category } from './taxonomy.js';

/**
 * Words (lower case, one token or two joined by a space) per category, in the order compound names
 * resolve: a "Kick Loop" is a loop, a "Bass Drum" a kick before it is a bass, a "Snare Roll FX" a
 * snare. Tokens match whole words only, so "Custom" is no tom and "Sharp" no hat.
 */
const CATEGORY_WORDS: readonly [Category, readonly string[]][] = [
  // Not 'break': "VariBreaks Kick 1" is a kick from a kit named after breaks.
  ['loop', ['loop']],
  ['clap', ['clap', 'clp', 'handclap']],
  ['kick', ['kick', 'kik', 'kck', 'bd', 'bassdrum', 'kickdrum', 'bass drum', 'kick drum']],
  ['snare', ['snare', 'snr', 'sn', 'sd', 'rimshot', 'rim shot', 'snare drum']],
  // A closed, open or pedal "cymbal" is the hi-hat (sonic-pi's drum_cymbal_closed); before 'cymbal'.
  ['hihat', ['hihat', 'hat', 'hh', 'chh', 'ohh', 'phh', 'hi hat', 'cymbal closed', 'cymbal open', 'cymbal pedal', 'closed cymbal', 'pedal cymbal']],
  ['cymbal', ['cymbal', 'cym', 'crash', 'ride', 'splash', 'china']],
  ['tom', ['tom', 'floortom', 'floor tom']],
  ['perc', ['perc', 'percussion', 'shaker', 'conga', 'bongo', 'cowbell', 'tambourine', 'tamb', 'clave', 'woodblock', 'rim', 'rimclick', 'stick', 'sidestick', 'triangle', 'cabasa', 'guiro', 'agogo', 'djembe', 'dunun', 'dununba', 'kenkeni', 'sangban', 'cajon', 'timbale', 'tabla', 'maraca', 'whistle', 'snap', 'click', 'waterglass']],
  ['vocal', ['vocal', 'vox', 'voice', 'choir', 'acapella', 'chant', 'adlib']],
  ['bass', ['bass', 'sub', 'subbass', 'reese']],
  ['lead', ['lead', 'pluck', 'synth lead']],
  ['pad', ['pad', 'drone', 'atmos', 'atmosphere', 'texture']],
  ['keys', ['keys', 'piano', 'epiano', 'rhodes', 'wurli', 'organ', 'clav', 'mallet', 'marimba', 'vibraphone', 'xylophone', 'glockenspiel', 'celesta']],
  ['guitar', ['guitar', 'gtr']],
  ['strings', ['strings', 'string', 'violin', 'viola', 'cello', 'pizzicato', 'pizz']],
  ['brass', ['brass', 'trumpet', 'trombone', 'horn', 'tuba']],
  ['wind', ['flute', 'sax', 'saxophone', 'clarinet', 'oboe', 'bassoon', 'woodwind']],
  ['fx', ['fx', 'sfx', 'zap', 'riser', 'uplifter', 'downlifter', 'sweep', 'impact', 'whoosh', 'noise', 'glitch', 'vinyl', 'foley']],
];

/** "HiHat_Open-02" → hi, hat, open, 02; "BD808" → bd, 808: words as a name spells them. */
export function nameWords(name: string): string[] {
  return name
    .replace(/(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** The category one name (a file name without its extension, or a folder's) says, or null. */
export function categoryFromName(name: string): Category | null {
  const words = nameWords(name);
  const present = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    present.add(words[i]);
    // Plurals ("Kicks", "Hats", "Toms") name the same thing.
    if (words[i].length > 3 && words[i].endsWith('s')) present.add(words[i].slice(0, -1));
    if (i + 1 < words.length) present.add(`${words[i]} ${words[i + 1]}`);
  }
  for (const [category, aliases] of CATEGORY_WORDS) if (aliases.some((alias) => present.has(alias))) return category;
  return null;
}

export interface NameCategory {
  category: Category;
  /** Which name said it: the file's own, or the folder it sits in. */
  from: 'file' | 'folder';
}

/**
 * What a sample's path says it is: its file name first, then the folder it sits in ("Kicks/Hard
 * 01.wav"). Folders further up are not read: they name packs, genres and users ("/home/tom").
 */
export function categoryFromPath(path: string): NameCategory | null {
  const names = pathNames(path);
  const file = names.at(-1);
  if (file === undefined) return null;
  const fromFile = categoryFromName(file);
  if (fromFile) return { category: fromFile, from: 'file' };
  const folder = names.at(-2);
  const fromFolder = folder === undefined ? null : categoryFromName(folder);
  return fromFolder ? { category: fromFolder, from: 'folder' } : null;
}
