// Which rows a listing page shows, and how many match: the SQL behind Catalogue.listSamples.
//
// SQLite's planner cannot be left to choose here. It knows nothing of how many rows a filter keeps
// (no LIKE selectivity, no statistics), and at 100k samples a wrong choice costs seconds: a row holds
// several KB of descriptors and waveform, so a plan that reads each match's row to test the other
// filters reads overflow pages for most of them.
// What is cheap and what is not, measured on the 100k bench library (`npm run bench -- --filters`):
//   - scanning a covering index (schema.ts: samples_listing, samples_facets) costs ~0.06–0.15 µs a
//     row, so 6–18 ms for 100k rows; the text filter's LIKE adds little to that;
//   - a one-column index answers a count filtered on that column alone in well under a millisecond;
//   - walking a sort order's own index and reading each row it passes costs ~1–4 µs a row;
//   - sorting every match of a covering scan by another column costs about as much as the scan.
// So each query is answered with at most about two scans and no sort of a large match set where a
// cheaper order is at hand.
import type Database from 'better-sqlite3';
import type { SampleQuery } from '../../../src-shared/api.js';

type Sort = NonNullable<SampleQuery['sort']>;

/** The SQL terms each sort orders by (the row id breaks ties after them). */
const SORT_TERMS: Record<Sort, readonly string[]> = {
  name: ['name COLLATE NOCASE'],
  path: ['path'],
  category: ['category', 'name COLLATE NOCASE'],
  duration: ['duration_sec'],
  bpm: ['bpm'],
};

/**
 * Orders with covering indexes in their own order (schema.ts), widest first, then one without the
 * long columns (path, tags_json) where there is one: a page query in such an order stops at the
 * page's last match, and the count goes on from there.
 */
const ORDERED_COVERING: Partial<Record<Sort, { wide: string; narrow?: string }>> = {
  name: { wide: 'samples_listing', narrow: 'samples_facets' },
  category: { wide: 'samples_listing_category' },
};

/** Columns with an index of their own (schema.ts; path's is its UNIQUE constraint's). */
const ONE_COLUMN_INDEXED: ReadonlySet<string> = new Set(['path', 'category', 'genre', 'kind', 'bpm', 'musical_key']);

/**
 * How far a walk along a sort order's index may go, in rows, before it gives up: 5,000 rows cost
 * 5–18 ms, depending on how deep in the row the filtered columns lie. A walk is only tried where the
 * matches counted promise the page within half of it, so it gives up only where matches cluster
 * away from the start of the order (loops' files sorted by duration, where the short one-shots come first).
 */
const SORT_WALK_ROWS = 5000;

interface Filter {
  sql: string;
  /** The column it reads, to know which indexes can answer it. */
  column: string;
}

/** The WHERE terms and their parameters for a query's filters. */
function filtersOf(query: SampleQuery): { filters: Filter[]; params: Record<string, unknown> } {
  const filters: Filter[] = [];
  const params: Record<string, unknown> = {};
  if (query.category) {
    filters.push({ sql: 'category = @category', column: 'category' });
    params.category = query.category;
  }
  if (query.genre) {
    filters.push({ sql: 'genre = @genre', column: 'genre' });
    params.genre = query.genre;
  }
  if (query.kind) {
    filters.push({ sql: 'kind = @kind', column: 'kind' });
    params.kind = query.kind;
  }
  if (query.bpmMin !== undefined) {
    filters.push({ sql: 'bpm >= @bpmMin', column: 'bpm' });
    params.bpmMin = query.bpmMin;
  }
  if (query.bpmMax !== undefined) {
    filters.push({ sql: 'bpm <= @bpmMax', column: 'bpm' });
    params.bpmMax = query.bpmMax;
  }
  if (query.key) {
    filters.push({ sql: 'musical_key = @key', column: 'musical_key' });
    params.key = query.key;
  }
  if (query.flaggedOnly) filters.push({ sql: 'anomaly_flagged = 1', column: 'anomaly_flagged' });
  if (query.failedOnly) filters.push({ sql: 'error IS NOT NULL', column: 'error' });
  if (query.favouritesOnly) filters.push({ sql: 'favourite = 1', column: 'favourite' });
  // The costly tests last: SQLite tests a row's terms in this order and stops at the first that
  // fails, so they run only on rows the plain comparisons kept (a listing-index count of text,
  // favourites and kind took 19 ms of CPU with the text first, 12 ms with it last).
  if (query.text) {
    // Substring of the path. LIKE ignores case for ASCII letters only, and the escapes make % _ \ literal.
    filters.push({ sql: "path LIKE @text ESCAPE '\\'", column: 'path' });
    params.text = `%${query.text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  }
  if (query.tag) {
    // Most samples have no tags; '[]' (what the catalogue writes for none) skips parsing their JSON.
    filters.push({ sql: "tags_json <> '[]' AND EXISTS (SELECT 1 FROM json_each(samples.tags_json) WHERE json_each.value = @tag)", column: 'tags_json' });
    params.tag = query.tag;
  }
  return { filters, params };
}

/**
 * The ids of one page of samples matching `query`, in its sort order, and how many match in all.
 * `coveringIndexes` says which of samples_listing and samples_facets the file has (a read-only
 * open of an older library may lack them).
 */
export function listingPage(db: Database.Database, coveringIndexes: ReadonlySet<string>, query: SampleQuery): { total: number; ids: number[] } {
  const { filters, params } = filtersOf(query);
  const sort = query.sort ?? 'name';
  const terms = SORT_TERMS[sort];
  const order = `${terms.join(', ')}, id`;
  const limit = Math.max(0, Math.min(query.limit ?? 100, 10_000));
  const offset = Math.max(0, query.offset ?? 0);
  const ids = (sql: string): number[] => (db.prepare(sql).all(params) as { id: number }[]).map((row) => row.id);
  const count = (sql: string): number => (db.prepare(sql).get(params) as { n: number }).n;
  const countAll = (): number => count('SELECT COUNT(*) AS n FROM samples');
  // Without filters the planner's choice is best: a sort order's index walks straight to a deep page.
  const unfilteredPage = (): number[] => ids(`SELECT id FROM samples ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`);
  if (filters.length === 0) return { total: countAll(), ids: unfilteredPage() };

  const where = filters.map((filter) => filter.sql).join(' AND ');
  // The covering indexes hold every filter and sort column; the narrow facets index leaves out the
  // two long ones (path and tags), so a query that reads neither scans it two to three times faster.
  const filtersReadLongColumns = Boolean(query.text) || Boolean(query.tag);
  const narrowestCovering = (readsLongColumns: boolean): string => {
    const index = [readsLongColumns ? null : 'samples_facets', 'samples_listing'].find((name) => name !== null && coveringIndexes.has(name));
    return `samples${index ? ` INDEXED BY ${index}` : ''}`;
  };
  const coveringFrom = narrowestCovering(filtersReadLongColumns || sort === 'path');
  // Filters on one indexed column alone are counted from that index (a seek, or the narrowest scan for
  // a text); others from the narrowest covering index that holds them (a count has no order).
  const columns = new Set(filters.map((filter) => filter.column));
  const ownIndex = columns.size === 1 && ONE_COLUMN_INDEXED.has([...columns][0]);
  const countFrom = ownIndex ? 'samples' : narrowestCovering(filtersReadLongColumns);
  const countMatches = (): number => count(`SELECT COUNT(*) AS n FROM ${countFrom} WHERE ${where}`);
  const coveringPage = (): number[] => ids(`SELECT id FROM ${coveringFrom} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`);

  const ordered = ORDERED_COVERING[sort];
  const orderedIndex = ordered && [filtersReadLongColumns ? undefined : ordered.narrow, ordered.wide].find((name) => name !== undefined && coveringIndexes.has(name));
  if (orderedIndex) {
    // The index is in the page's order, so the page query stops at the page's last match.
    const from = `samples INDEXED BY ${orderedIndex}`;
    const keys = terms.map((term, i) => `${term.split(' ')[0]} AS key_${i}`).join(', ');
    const page = db.prepare(`SELECT id, ${keys} FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`).all(params) as Record<string, unknown>[];
    const pageIds = page.map((row) => row.id as number);
    // A page short of the limit ends the list, which gives the count without a second scan.
    if (page.length < limit && (page.length > 0 || offset === 0)) return { total: offset + page.length, ids: pageIds };
    const last = page.at(-1);
    if (!ownIndex && last) {
      // The matches up to the page's last row are offset + the page; the count goes on from that row
      // as ranges of the same index (a later first key; the same first key and a later second...;
      // all keys the same and a later id), so page and count read the index once between them. One
      // range with an OR tested the OR on every row, which cost more than a whole count.
      const after: Record<string, unknown> = { afterId: last.id };
      const equal = (i: number) => (last[`key_${i}`] === null ? `${terms[i]} IS NULL` : `${terms[i]} = @after_${i}`);
      const later = (i: number) => (last[`key_${i}`] === null ? `${terms[i]} IS NOT NULL` : `${terms[i]} > @after_${i}`);
      const ranges = terms.map((_, i) => [...terms.slice(0, i).map((_, j) => equal(j)), later(i)]);
      ranges.push([...terms.map((_, j) => equal(j)), 'id > @afterId']);
      terms.forEach((_, i) => (after[`after_${i}`] = last[`key_${i}`]));
      const counted = db
        .prepare(`SELECT ${ranges.map((range) => `(SELECT COUNT(*) FROM ${from} WHERE ${range.join(' AND ')} AND ${where})`).join(' + ')} AS n`)
        .get({ ...params, ...after }) as { n: number };
      return { total: offset + page.length + counted.n, ids: pageIds };
    }
    return { total: countMatches(), ids: pageIds };
  }

  // Other orders: count first, since how many match decides how the page is best found.
  const total = countMatches();
  const pageLength = Math.min(limit, total - offset);
  if (pageLength <= 0) return { total, ids: [] };
  const all = countAll();
  // A filter every row passes (a text found in the library folder's own path) changes nothing.
  if (total === all) return { total, ids: unfilteredPage() };
  if (((offset + limit) * all) / total <= SORT_WALK_ROWS / 2) {
    // Walk the sort order's index for at most SORT_WALK_ROWS rows, testing the filters on each, and
    // keep the page if it filled there. The outer ORDER BY names the walked order's own columns, so
    // SQLite keeps the walk's order instead of sorting again.
    const keys = terms.map((term, i) => `${term} AS sort_${i}`).join(', ');
    const walked = ids(
      `SELECT id FROM (SELECT id, ${keys}, (${where}) AS hit FROM samples ORDER BY ${order} LIMIT ${SORT_WALK_ROWS})
       WHERE hit ORDER BY ${terms.map((_, i) => `sort_${i}`).join(', ')}, id LIMIT ${limit} OFFSET ${offset}`,
    );
    if (walked.length === pageLength) return { total, ids: walked };
  }
  // Few matches, or a page deep in them: scan the covering index and sort what matched.
  return { total, ids: coveringPage() };
}
