// Labelled audio → descriptors, with an on-disk cache so re-training does not re-analyse.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Descriptors } from '../../src-shared/sample.js';
import type { Category, Kind } from '../../src-shared/taxonomy.js';
import { decodeAudio } from '../../src-main/core/decode/index.js';
import { analyse, DESCRIPTOR_NAMES } from '../../src-main/core/analyse/index.js';
import { hashString } from './render/prng.js';

export interface LabelledAudio {
  path: string;
  /** Where it came from (soundfont, corpus source, kit): the unit "cross-pack" is measured over. */
  pack: string;
  category: Category;
  kind: Kind;
  bpm: number | null;
}

export interface Example extends LabelledAudio {
  descriptors: Descriptors;
}

interface CacheEntry {
  size: number;
  mtimeMs: number;
  descriptors: Descriptors | null;
}

/** Changes whenever the analyser's descriptor set does, so stale caches are not reused. */
export const ANALYSER_FINGERPRINT = hashString(DESCRIPTOR_NAMES.join(',')).toString(16);

export async function analyseAll(files: readonly LabelledAudio[], cachePath: string, log: (line: string) => void): Promise<{ examples: Example[]; failed: string[] }> {
  const cache: Record<string, CacheEntry> = existsSync(cachePath) ? (JSON.parse(readFileSync(cachePath, 'utf8')) as Record<string, CacheEntry>) : {};
  const examples: Example[] = [];
  const failed: string[] = [];
  let fresh = 0;
  for (const [n, file] of files.entries()) {
    const stat = statSync(file.path);
    let entry = cache[file.path];
    if (!entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) {
      let descriptors: Descriptors | null = null;
      try {
        const decoded = await decodeAudio(new Uint8Array(readFileSync(file.path)), basename(file.path));
        descriptors = analyse(decoded.samples, decoded.sampleRate).descriptors;
      } catch (error) {
        log(`  could not analyse ${file.path}: ${error instanceof Error ? error.message : String(error)}`);
      }
      entry = { size: stat.size, mtimeMs: stat.mtimeMs, descriptors };
      cache[file.path] = entry;
      fresh++;
      if (fresh % 250 === 0) {
        log(`  analysed ${n + 1}/${files.length}`);
        writeFileSync(cachePath, JSON.stringify(cache));
      }
    }
    if (entry.descriptors) examples.push({ ...file, descriptors: entry.descriptors });
    else failed.push(file.path);
  }
  if (fresh > 0) writeFileSync(cachePath, JSON.stringify(cache));
  return { examples, failed };
}
