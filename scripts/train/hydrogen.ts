// The Hydrogen drum kits as an unseen TEST set (never trained on): every layer file of every
// instrument, labelled from the instrument's name in drumkit.xml, or from the file name where the
// instrument name says nothing ("Sample", "17"). A file neither name identifies is left out:
// rumpf_kit's "Sample: beats_01-10.flac" is a hit cut from an analog beat, which may be any drum,
// so no label for it would mean what it says.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { categoryFromName } from '../../src-shared/category-words.js';
import type { Category } from '../../src-shared/taxonomy.js';

export const HYDROGEN_KITS_DIR = '/usr/share/hydrogen/data/drumkits';

export interface LabelledFile {
  path: string;
  pack: string;
  category: Category;
  detail: string;
}

/**
 * The category a kit instrument's name (or a layer file's) says, read as the app reads any sample's
 * name (src-shared/category-words.ts), except that in a drum kit a bell ("Paiste Bell") is struck
 * percussion. The shared words leave "bell" out: a melodic pack's bells are keys.
 */
export function drumCategoryFromName(text: string): Category | null {
  return categoryFromName(text) ?? (/bell/i.test(text) ? 'perc' : null);
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
