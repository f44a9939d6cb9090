// The Hydrogen drum kits as an unseen TEST set (never trained on): every layer file of every
// instrument, labelled from the instrument's name in drumkit.xml, or from the file name where the
// instrument name says nothing ("Sample", "17"). A file neither name identifies is left out:
// rumpf_kit's "Sample: beats_01-10.flac" is a hit cut from an analog beat, which may be any drum,
// so no label for it would mean what it says.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Category } from '../../src-shared/taxonomy.js';

export const HYDROGEN_KITS_DIR = '/usr/share/hydrogen/data/drumkits';

export interface LabelledFile {
  path: string;
  pack: string;
  category: Category;
  detail: string;
}

// Order matters: "bass drum" before anything else, "hand clap" before "hat", "snare rimshot"
// before "rim click"… Rimshots are snares; side sticks, rim clicks and the rest of TAXONOMY's other
// percussion are perc; zaps and the like are fx.
const RULES: [RegExp, Category][] = [
  [/clap/, 'clap'],
  [/kick|bass ?drum|(^|[^a-z])bd([^a-z]|$)/, 'kick'],
  [/snare|rim ?shot|(^|[^a-z])sd([^a-z]|$)/, 'snare'],
  [/hi-?hat|hat|(^|[^a-z])hh/, 'hihat'],
  [/crash|ride|cymbal|splash|china|(^|[^a-z])cym/, 'cymbal'],
  [/tom/, 'tom'],
  [/(^|[^a-z])(fx|zap|sweep|riser|noise)([^a-z]|$)/, 'fx'],
  [/perc|stick|rim|click|cowbell|bell|agogo|tambourine|bongo|conga|cajon|clave|maraca|shaker|block|djembe|dun|kenkeni|sangban|snap|waterglass|whistle|guiro|cabasa|triangle|timbale|tabla|cuica/, 'perc'],
];

export function drumCategoryFromName(text: string): Category | null {
  const lower = text.toLowerCase();
  for (const [pattern, category] of RULES) if (pattern.test(lower)) return category;
  return null;
}

export interface HydrogenTestSet {
  files: LabelledFile[];
  /** Kit files that neither their instrument's name nor their own name identifies. */
  unlabelled: string[];
}

export function hydrogenTestSet(): HydrogenTestSet {
  const files: LabelledFile[] = [];
  const unlabelled: string[] = [];
  if (!existsSync(HYDROGEN_KITS_DIR)) return { files, unlabelled };
  for (const kit of readdirSync(HYDROGEN_KITS_DIR).sort()) {
    const xmlPath = join(HYDROGEN_KITS_DIR, kit, 'drumkit.xml');
    if (!existsSync(xmlPath)) continue;
    const xml = readFileSync(xmlPath, 'utf8');
    const seen = new Set<string>();
    for (const instrument of xml.split('<instrument>').slice(1)) {
      const name = /<name>([^<]*)<\/name>/.exec(instrument)?.[1]?.trim() ?? '';
      for (const match of instrument.matchAll(/<filename>([^<]+)<\/filename>/g)) {
        const fileName = match[1].trim();
        const path = join(HYDROGEN_KITS_DIR, kit, fileName);
        if (seen.has(path) || !existsSync(path)) continue;
        seen.add(path);
        const category = drumCategoryFromName(name) ?? drumCategoryFromName(fileName);
        if (category === null) unlabelled.push(path);
        else files.push({ path, pack: `hydrogen:${kit}`, category, detail: `${name}|${fileName}`.replace(/,/g, ' ') });
      }
    }
  }
  return { files, unlabelled };
}
