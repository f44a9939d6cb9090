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

/** Columns with an index of their own (schema.ts; path's is its UNIQUE constraint's). */
const ONE_COLUMN_INDEXED: ReadonlySet<string> = new Set(['path', 'category', 'genre', 'kind', 'bpm', 'musical_key']);

/**
 * How far a walk along a sort order's index may go, in rows, before it gives up: 5,000 rows cost
 * 5–18 ms, depending on how deep in the row the filtered columns lie. A walk is only tried where the
 * matches counted promise the page within half of it, so it gives up only where matches cluster
 * away from the start of the order (a text matching one category's file names, sorted by category).
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

  if (sort === 'name') {
    // The covering indexes are in name order, so the page query stops at the page's last match.
    const page = db
      .prepare(`SELECT id, name FROM ${coveringFrom} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`)
      .all(params) as { id: number; name: string }[];
    const pageIds = page.map((row) => row.id);
    // A page short of the limit ends the list, which gives the count without a second scan.
    if (page.length < limit && (page.length > 0 || offset === 0)) return { total: offset + page.length, ids: pageIds };
    const last = page.at(-1);
    if (!ownIndex && last) {
      // The matches up to the page's last row are offset + the page; the count goes on from that row
      // (a range of the same index), so page and count read the index once between them. Two ranges,
      // later names and the same name's later ids: one range with an OR tested the OR on every row,
      // which cost more than a whole count.
      const after = db
        .prepare(
          `SELECT (SELECT COUNT(*) FROM ${coveringFrom} WHERE name COLLATE NOCASE > @afterName AND ${where})
                + (SELECT COUNT(*) FROM ${coveringFrom} WHERE name COLLATE NOCASE = @afterName AND id > @afterId AND ${where}) AS n`,
        )
        .get({ ...params, afterName: last.name, afterId: last.id }) as { n: number };
      return { total: offset + page.length + after.n, ids: pageIds };
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
