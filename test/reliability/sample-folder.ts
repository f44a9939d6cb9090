// A sample folder for the process-level reliability tests: real corpus files spread over packs
// and categories (small ones first, to keep runs short) plus the edge cases, and a seeded way to
// change it between runs the way a producer does (edit, move, delete, add, touch).
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { corpusEntries } from '../corpus.js';
import { writeEdgeCases } from '../edge-cases.js';
import { createRandom } from '../../src-shared/seeded-random.js';

/** `count` corpus files, round-robin over categories, smallest first within each. */
export function pickCorpusFiles(count: number, skip = 0): string[] {
  const byCategory = new Map<string, { path: string; size: number }[]>();
  for (const entry of corpusEntries()) {
    const list = byCategory.get(entry.category) ?? [];
    list.push({ path: entry.path, size: statSync(entry.path).size });
    byCategory.set(entry.category, list);
  }
  const lists = [...byCategory.values()].map((list) => list.sort((a, b) => a.size - b.size || a.path.localeCompare(b.path)));
  const picked: string[] = [];
  for (let round = 0; picked.length < count + skip && lists.some((l) => l.length > round); round++) {
    for (const list of lists) if (list[round] && picked.length < count + skip) picked.push(list[round].path);
  }
  return picked.slice(skip);
}

/** Copies the corpus files into `dir/<pack>/` and the edge cases into `dir/odd/`; returns the edge cases that must fail. */
export function fillSampleFolder(dir: string, corpusFiles: readonly string[]): { failing: string[] } {
  for (const path of corpusFiles) {
    const pack = basename(dirname(path));
    mkdirSync(join(dir, pack), { recursive: true });
    copyFileSync(path, join(dir, pack, basename(path)));
  }
  mkdirSync(join(dir, 'odd'), { recursive: true });
  const cases = writeEdgeCases(join(dir, 'odd'));
  return { failing: cases.filter((c) => !c.decodable).map((c) => join(dir, 'odd', c.name)) };
}

/** Every file under `dir`, absolute paths, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out.sort();
}

/**
 * Changes the folder like a user between (or during) runs: touches some files (same bytes, new
 * mtime: re-read and re-analysed), replaces some with other audio, moves some, deletes some and
 * adds new ones from `spares`. Returns what it did, for the test log.
 */
export function perturbFolder(dir: string, spares: string[], seed: number): string[] {
  const random = createRandom(seed);
  const files = filesUnder(dir).filter((f) => !f.includes(`${join(dir, 'odd')}/`));
  const pickFile = (): string | null => {
    const left = files.filter((f) => existsSync(f));
    return left.length ? left[Math.floor(random() * left.length)] : null;
  };
  const done: string[] = [];
  const future = new Date(Date.now() + 1000 + Math.floor(random() * 1e6));
  for (let i = 0; i < Math.ceil(files.length * 0.3); i++) {
    const file = pickFile();
    if (file) utimesSync(file, future, future);
  }
  done.push(`touched ~${Math.ceil(files.length * 0.3)}`);
  for (let i = 0; i < 2; i++) {
    const file = pickFile();
    const spare = spares.shift();
    if (!file || !spare) break;
    // Other audio under the old name, with the old extension's container sniffed from the bytes.
    copyFileSync(spare, file);
    done.push(`replaced ${basename(file)}`);
  }
  for (let i = 0; i < 2; i++) {
    const file = pickFile();
    if (!file) break;
    const target = join(dir, 'moved', `${Math.floor(random() * 1e6)}-${basename(file)}`);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(file, target);
    done.push(`moved ${basename(file)}`);
  }
  const deleted = pickFile();
  if (deleted) {
    rmSync(deleted);
    done.push(`deleted ${basename(deleted)}`);
  }
  const spare = spares.shift();
  if (spare) {
    mkdirSync(join(dir, 'new'), { recursive: true });
    copyFileSync(spare, join(dir, 'new', `${Math.floor(random() * 1e6)}-${basename(spare)}`));
    done.push(`added ${basename(spare)}`);
  }
  return done;
}
