// Genre labels from the words producers and sample labels put in folder and pack names
// ("Vengeance Deep House Vol 2/Kicks"). Pure: a path in, a genre name (or null) out.
import { pathNames } from '../../../src-shared/path-names.js';

/** Genre name (as exported, snake_case) → aliases as they appear in folder names. Longest alias wins. */
export const GENRE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  drum_and_bass: ['drum and bass', 'drum & bass', 'drum n bass', "drum 'n' bass", 'drum&bass', 'drumandbass', 'dnb', 'd&b', 'd n b', 'jungle', 'liquid dnb', 'neurofunk'],
  dubstep: ['dubstep', 'brostep', 'riddim'],
  deep_house: ['deep house', 'deephouse'],
  tech_house: ['tech house', 'techhouse'],
  progressive_house: ['progressive house'],
  house: ['house', 'chicago house', 'future house'],
  techno: ['techno', 'minimal techno', 'detroit techno', 'industrial techno'],
  psytrance: ['psytrance', 'psy trance', 'psy-trance', 'goa', 'goa trance'],
  trance: ['trance', 'uplifting trance'],
  ambient: ['ambient', 'chillout', 'chill out', 'drone'],
  downtempo: ['downtempo', 'down tempo', 'trip hop', 'trip-hop', 'triphop'],
  lofi: ['lofi', 'lo fi', 'lo-fi'],
  hip_hop: ['hip hop', 'hip-hop', 'hiphop', 'boom bap', 'boombap', 'rap'],
  trap: ['trap'],
  drill: ['drill', 'uk drill'],
  // Not 'breaks': a Breaks folder inside a pack holds drum breaks of any genre.
  breakbeat: ['breakbeat', 'breakbeats', 'big beat'],
  uk_garage: ['uk garage', 'ukg', '2 step', '2-step', 'two step', 'speed garage'],
  electro: ['electro'],
  disco: ['disco', 'nu disco', 'nu-disco'],
  synthwave: ['synthwave', 'retrowave', 'outrun'],
  hardstyle: ['hardstyle', 'hardcore', 'gabber'],
  footwork: ['footwork', 'juke'],
  idm: ['idm'],
  edm: ['edm', 'big room', 'bigroom'],
};

interface AliasPattern {
  genre: string;
  pattern: RegExp;
  length: number;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Separators in names (_, -, .) read as spaces; aliases match whole words only ("trap" ≠ "trapeze").
const PATTERNS: AliasPattern[] = Object.entries(GENRE_ALIASES)
  .flatMap(([genre, aliases]) =>
    aliases.map((alias) => ({
      genre,
      pattern: new RegExp(`(^|[^a-z0-9&'])${escape(alias).replace(/ /g, '[ ]+')}($|[^a-z0-9&'])`),
      length: alias.length,
    })),
  )
  .sort((a, b) => b.length - a.length);

function normalise(segment: string): string {
  return segment.toLowerCase().replace(/[_.]+/g, ' ').replace(/-(?=[a-z])/g, ' ');
}

/**
 * The genre named by the nearest folder (or the file name) that names one: a pack folder nested
 * in a genre folder is more specific than its parent. `relativePath` is below the library root,
 * so the user's own folder names above it ("Music", "Samples") are not read.
 */
export function genreFromPath(relativePath: string): string | null {
  const names = pathNames(relativePath);
  for (let i = names.length - 1; i >= 0; i--) {
    const text = normalise(names[i]);
    for (const { genre, pattern } of PATTERNS) if (pattern.test(text)) return genre;
  }
  return null;
}
