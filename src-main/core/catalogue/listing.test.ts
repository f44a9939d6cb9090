import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SampleQuery } from '../../../src-shared/api.js';
import { Catalogue } from './catalogue.js';

/** One catalogue row as the listing reads it. */
interface Row {
  id: number;
  path: string;
  name: string;
  category: string | null;
  genre: string | null;
  kind: string | null;
  bpm: number | null;
  key: string | null;
  flagged: boolean;
  favourite: boolean;
  error: string | null;
  duration: number | null;
  tags: string[];
}

const CATEGORIES = ['kick', 'snare', 'hihat', 'bass', 'pad', 'loop', 'fx', 'perc', 'clap'];
// More rows than a walk along a sort order may read (listing.ts), so walks can both fill a page and give up.
const ROWS = 12_000;

/**
 * A library shaped like a real one where it matters to the listing's plans: file names and folders
 * that carry the category (so a text can match one category only), NULLs in every sort column,
 * names equal but for case, and paths with non-ASCII letters, % _ and backslashes.
 */
function libraryRows(): Row[] {
  return Array.from({ length: ROWS }, (_, i) => {
    const folder = Math.floor(i / 100);
    const category = CATEGORIES[(folder + i) % CATEGORIES.length];
    const pack = folder % 3 === 0 ? 'PACK' : 'pack';
    const special = i % 97 === 0 ? ' 50% off_x\\y' : i % 89 === 0 ? ' Été' : i % 83 === 0 ? ' été' : '';
    const name = i % 101 === 0 ? (i % 2 ? 'Same.wav' : 'same.wav') : `${category}_${String(i).padStart(5, '0')}${special}.wav`;
    const loop = category === 'loop' || i % 7 === 0;
    return {
      id: i + 1,
      path: `/lib/${pack}-${String(Math.floor(folder / 10)).padStart(2, '0')}/${CATEGORIES[folder % CATEGORIES.length]}s/${name}`.replace('.wav', `-${i}.wav`),
      name,
      category: i % 31 === 0 ? null : category,
      genre: i % 2 === 0 ? ['house', 'techno', 'trap', 'ambient'][(i >> 1) % 4] : null,
      kind: i % 211 === 0 ? null : loop ? 'loop' : 'one-shot',
      bpm: loop ? 70 + ((i * 37) % 110) : null,
      key: loop && i % 3 !== 0 ? `${['C', 'D', 'F'][i % 3]} ${i % 2 ? 'minor' : 'major'}` : null,
      flagged: i % 53 === 0,
      favourite: i % 50 === 0,
      error: i % 211 === 0 ? 'not an audio file' : null,
      duration: i % 41 === 0 ? null : ((i * 7919) % 1000) / 100,
      tags: i % 13 === 0 ? [['dark', 'punchy', 'warm'][i % 3]] : [],
    };
  });
}

function catalogueOf(rows: readonly Row[]): { catalogue: Catalogue; file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'sdx-listing-')), 'catalogue.sqlite');
  const catalogue = new Catalogue(file);
  const insert = catalogue.db.prepare(`INSERT INTO samples (id, path, name, size_bytes, mtime_ms, content_hash, category, genre, kind, bpm,
    musical_key, anomaly_flagged, favourite, error, duration_sec, tags_json) VALUES (@id, @path, @name, 1, 1, 'h', @category, @genre, @kind, @bpm,
    @key, @flagged, @favourite, @error, @duration, @tags)`);
  catalogue.transaction(() => {
    for (const row of rows) insert.run({ ...row, flagged: row.flagged ? 1 : 0, favourite: row.favourite ? 1 : 0, tags: JSON.stringify(row.tags) });
  });
  return { catalogue, file };
}

// What a listing means, written out in JavaScript: the text is a substring of the path ignoring
// case in ASCII letters only (as SQLite's LIKE); sorts put NULLs first, compare text by its UTF-8
// bytes, names ignoring ASCII case, and break ties by id.
const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

function matches(row: Row, query: SampleQuery): boolean {
  return (
    (!query.text || asciiLower(row.path).includes(asciiLower(query.text))) &&
    (!query.category || row.category === query.category) &&
    (!query.genre || row.genre === query.genre) &&
    (!query.kind || row.kind === query.kind) &&
    (query.bpmMin === undefined || (row.bpm !== null && row.bpm >= query.bpmMin)) &&
    (query.bpmMax === undefined || (row.bpm !== null && row.bpm <= query.bpmMax)) &&
    (!query.key || row.key === query.key) &&
    (!query.flaggedOnly || row.flagged) &&
    (!query.failedOnly || row.error !== null) &&
    (!query.favouritesOnly || row.favourite) &&
    (!query.tag || row.tags.includes(query.tag))
  );
}

function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

/** Every row in each sort order, sorted once (a sort of 12k rows per query would make this test slow). */
function sortedRows(rows: readonly Row[]): Record<NonNullable<SampleQuery['sort']>, Row[]> {
  const sorted = (keyOf: (row: Row) => (string | number | null)[]): Row[] =>
    rows
      .map((row) => ({ row, key: [...keyOf(row), row.id] }))
      .sort((a, b) => a.key.reduce<number>((order, value, i) => order || compareValues(value, b.key[i]), 0))
      .map((entry) => entry.row);
  return {
    name: sorted((row) => [asciiLower(row.name)]),
    path: sorted((row) => [row.path]),
    category: sorted((row) => [row.category, asciiLower(row.name)]),
    duration: sorted((row) => [row.duration]),
    bpm: sorted((row) => [row.bpm]),
  };
}

function expectedPage(inOrder: readonly Row[], matching: ReadonlySet<number>, page: { offset: number; limit?: number }): { total: number; ids: number[] } {
  const ids = inOrder.filter((row) => matching.has(row.id)).map((row) => row.id);
  return { total: ids.length, ids: ids.slice(page.offset, page.offset + (page.limit ?? 100)) };
}

const FILTERS: SampleQuery[] = [
  {},
  { text: 'kick' },
  { text: 'KiCk_0' },
  { text: 'pack' }, // every path, in either case
  { text: 'snare_' }, // one category's file names only
  { text: '50%' },
  { text: 'f_x\\y' },
  { text: 'é' },
  { text: 'É' },
  { text: 'zzz' },
  { category: 'kick' },
  { kind: 'one-shot' },
  { kind: 'loop', bpmMin: 100, bpmMax: 140 },
  { key: 'D major' },
  { genre: 'techno' },
  { flaggedOnly: true },
  { failedOnly: true },
  { favouritesOnly: true },
  { tag: 'dark' },
  { kind: 'one-shot', text: 'PACK' },
  { text: 'kick', favouritesOnly: true, kind: 'one-shot' },
  { category: 'snare', tag: 'dark', flaggedOnly: true },
  { genre: 'house', kind: 'loop', bpmMin: 90, bpmMax: 180, text: 'loop' },
];
const SORTS: NonNullable<SampleQuery['sort']>[] = ['name', 'path', 'category', 'duration', 'bpm'];
const PAGES = [{ offset: 0 }, { offset: 100 }, { offset: 2300 }, { offset: ROWS - 50 }, { offset: 40, limit: 7 }, { offset: 0, limit: 0 }];

describe('listing', () => {
  it('a text is a substring of the path, ignoring case in ASCII letters only, with % _ and \\ taken literally', () => {
    const { catalogue } = catalogueOf([]);
    const add = (id: number, path: string): void =>
      void catalogue.db.prepare("INSERT INTO samples (id, path, name, size_bytes, mtime_ms, content_hash) VALUES (?, ?, 'n', 1, 1, 'h')").run(id, path);
    add(1, '/s/Kick 50% Off.wav');
    add(2, '/s/kick_a\\b.wav');
    add(3, '/s/Été.wav');
    add(4, '/s/kickXa.wav');
    const paths = (text: string): string[] => catalogue.listSamples({ text, sort: 'path' }).items.map((sample) => sample.path);
    expect(paths('KICK')).toEqual(['/s/Kick 50% Off.wav', '/s/kickXa.wav', '/s/kick_a\\b.wav']);
    expect(paths('50% o')).toEqual(['/s/Kick 50% Off.wav']);
    expect(paths('k_a')).toEqual(['/s/kick_a\\b.wav']);
    expect(paths('a\\b')).toEqual(['/s/kick_a\\b.wav']);
    expect(paths('été')).toEqual([]);
    expect(paths('Été')).toEqual(['/s/Été.wav']);
    expect(paths('%')).toEqual(['/s/Kick 50% Off.wav']);
  });

  it('gives every filter, sort and page exactly what a plain filter-then-sort gives, by each way it finds a page', () => {
    const rows = libraryRows();
    const orders = sortedRows(rows);
    const { catalogue, file } = catalogueOf(rows);
    // Which way each page was found, from the statements the catalogue prepared.
    const prepared: string[] = [];
    const prepare = catalogue.db.prepare.bind(catalogue.db);
    vi.spyOn(catalogue.db, 'prepare').mockImplementation((sql: string) => (prepared.push(sql), prepare(sql)));
    const ways = { walked: 0, walkGaveUp: 0, unfilteredOrder: 0, pageEndedCount: 0, countedOnFromPage: 0, countedOnFromCategoryPage: 0 };
    for (const filter of FILTERS) {
      const matching = new Set(rows.filter((row) => matches(row, filter)).map((row) => row.id));
      for (const sort of SORTS) {
        for (const page of PAGES) {
          const query: SampleQuery = { ...filter, sort, ...page };
          prepared.length = 0;
          const { total, items } = catalogue.listSamples(query);
          expect({ query, total, ids: items.map((sample) => sample.id) }).toEqual({ query, ...expectedPage(orders[sort], matching, page) });
          const walk = prepared.findIndex((sql) => sql.includes(' AS hit '));
          if (walk >= 0 && prepared.slice(walk + 1).some((sql) => sql.startsWith('SELECT id FROM samples'))) ways.walkGaveUp++;
          else if (walk >= 0) ways.walked++;
          if (Object.keys(filter).length > 0 && prepared.some((sql) => sql.startsWith('SELECT id FROM samples ORDER BY'))) ways.unfilteredOrder++;
          if (Object.keys(filter).length > 0 && !prepared.some((sql) => sql.startsWith('SELECT COUNT(*)'))) ways.pageEndedCount++;
          if (prepared.some((sql) => sql.includes('@after_0'))) ways[sort === 'category' ? 'countedOnFromCategoryPage' : 'countedOnFromPage']++;
        }
      }
    }
    expect(Object.values(ways).every((times) => times > 0), JSON.stringify(ways)).toBe(true);
    catalogue.close();

    // A read-only open of a library without the covering indexes gives the same answers.
    const writable = new Catalogue(file);
    writable.db.exec('DROP INDEX samples_listing; DROP INDEX samples_facets; DROP INDEX samples_listing_category;');
    writable.close();
    const readonly = new Catalogue(file, { readonly: true });
    for (const filter of FILTERS.slice(0, 12)) {
      const matching = new Set(rows.filter((row) => matches(row, filter)).map((row) => row.id));
      for (const sort of SORTS) {
        const query: SampleQuery = { ...filter, sort, offset: 100 };
        const { total, items } = readonly.listSamples(query);
        expect({ query, total, ids: items.map((sample) => sample.id) }).toEqual({ query, ...expectedPage(orders[sort], matching, { offset: 100 }) });
      }
    }
    readonly.close();
  });

  it('a writable open of an older library adds the category-ordered listing index in place of the plain one, keeping every row', () => {
    const rows = libraryRows();
    const { catalogue, file } = catalogueOf(rows);
    catalogue.db.exec('DROP INDEX samples_listing_category; CREATE INDEX samples_category_name ON samples(category, name COLLATE NOCASE);');
    catalogue.close();
    const reopened = new Catalogue(file);
    const indexes = (reopened.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((row) => row.name);
    expect(indexes).toContain('samples_listing_category');
    expect(indexes).not.toContain('samples_category_name');
    const query: SampleQuery = { text: 'snare_', sort: 'category', offset: 100 };
    const matching = new Set(rows.filter((row) => matches(row, query)).map((row) => row.id));
    const { total, items } = reopened.listSamples(query);
    expect({ total, ids: items.map((sample) => sample.id) }).toEqual(expectedPage(sortedRows(rows).category, matching, { offset: 100 }));
    expect(total).toBeGreaterThan(200);
    reopened.close();
  });
});
