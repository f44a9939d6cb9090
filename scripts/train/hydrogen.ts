// The Hydrogen drum kits as an unseen TEST set (never trained on): every layer file of every
// instrument, labelled from the instrument's name in drumkit.xml, or from the file name where the
// instrument name says nothing ("Sample", "17").
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

// Order matters: "bass drum" before anything else, "hand clap" before "hat"… Rimshots are snares
// (TAXONOMY); side sticks stay in perc.
const RULES: [RegExp, Category][] = [
  [/clap/, 'clap'],
  [/kick|bass ?drum|(^|[^a-z])bd([^a-z]|$)/, 'kick'],
  [/snare|rim ?shot|(^|[^a-z])sd([^a-z]|$)/, 'snare'],
  [/hi-?hat|hat|(^|[^a-z])hh/, 'hihat'],
  [/crash|ride|cymbal|splash|china|(^|[^a-z])cym/, 'cymbal'],
  [/tom/, 'tom'],
];

export function drumCategoryFromName(text: string): Category | null {
  const lower = text.toLowerCase();
  for (const [pattern, category] of RULES) if (pattern.test(lower)) return category;
  return null;
}

export function hydrogenTestSet(): LabelledFile[] {
  if (!existsSync(HYDROGEN_KITS_DIR)) return [];
  const files: LabelledFile[] = [];
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
        const category = drumCategoryFromName(name) ?? drumCategoryFromName(fileName) ?? 'perc';
        files.push({ path, pack: `hydrogen:${kit}`, category, detail: `${name}|${fileName}`.replace(/,/g, ' ') });
      }
    }
  }
  return files;
}
