import { describe, expect, it } from 'vitest';
import type { LibraryApi, SamplePage, SampleQuery } from '../../src-shared/api.js';
import type { SampleRecord } from '../../src-shared/sample.js';
import { createBrowseStore, PAGE_SIZE } from './browse-store.js';

function record(id: number): SampleRecord {
  return {
    id, path: `/s/${id}.wav`, name: `${id}.wav`, sizeBytes: 1, mtimeMs: 0, contentHash: String(id), format: null,
    durationSec: 1, kind: 'one-shot', category: null, genre: null, bpm: null, key: null, note: null,
    anomaly: { flagged: false, score: null, reasons: [] }, tags: [], favourite: false, error: null, analysedAt: 0,
  };
}

/** A library of `total` rows whose listSamples answers only when released, to control ordering. */
function pagedApi(total: number) {
  const queries: SampleQuery[] = [];
  const releases: (() => void)[] = [];
  const api = {
    async listSamples(query: SampleQuery): Promise<SamplePage> {
      queries.push(query);
      await new Promise<void>((resolve) => releases.push(resolve));
      const offset = query.offset ?? 0;
      const items: SampleRecord[] = [];
      for (let id = offset; id < Math.min(total, offset + (query.limit ?? 100)); id++) items.push(record(id));
      return { total: query.text ? 0 : total, items };
    },
  } as Pick<LibraryApi, 'listSamples'> as LibraryApi;
  /** Answers every waiting query, newest first when `newestFirst` (a slow old answer arriving last). */
  const releaseAll = async (newestFirst = false): Promise<void> => {
    while (releases.length) (newestFirst ? releases.pop() : releases.shift())?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { api, queries, releaseAll };
}

describe('browse store', () => {
  it('fetches only the pages the visible rows need, each once', async () => {
    const { api, queries, releaseAll } = pagedApi(10_000);
    const store = createBrowseStore(api);
    store.getState().setFilters({});
    await releaseAll();
    store.getState().ensureRows(PAGE_SIZE - 5, 2 * PAGE_SIZE + 5);
    store.getState().ensureRows(PAGE_SIZE - 5, 2 * PAGE_SIZE + 5);
    await releaseAll();
    expect(queries.map((query) => query.offset)).toEqual([0, PAGE_SIZE, 2 * PAGE_SIZE]);
    expect(store.getState().rowAt(2 * PAGE_SIZE + 5)?.id).toBe(2 * PAGE_SIZE + 5);
    expect(store.getState().total).toBe(10_000);
  });

  it('drops answers to a query the user has already changed', async () => {
    const { api, releaseAll } = pagedApi(500);
    const store = createBrowseStore(api);
    store.getState().setFilters({ kind: 'loop' });
    store.getState().setFilters({ text: 'nothing matches' });
    // The first query's answer (500 rows) arrives after the second's (0 rows) and must be ignored.
    await releaseAll(true);
    expect(store.getState().total).toBe(0);
    expect(store.getState().filters).toMatchObject({ kind: 'loop', text: 'nothing matches' });
  });

  it('selecting a row outside the loaded pages loads it first', async () => {
    const { api, releaseAll } = pagedApi(10_000);
    const store = createBrowseStore(api);
    store.getState().setFilters({});
    await releaseAll();
    const selection = store.getState().select(5_000);
    await releaseAll();
    expect((await selection)?.id).toBe(5_000);
    expect(store.getState().selected?.id).toBe(5_000);
  });

  it('refreshRows re-fetches the loaded pages in place and keeps the selection on its sample', async () => {
    let shift = 0;
    const queries: SampleQuery[] = [];
    const api = {
      async listSamples(query: SampleQuery): Promise<SamplePage> {
        queries.push(query);
        const offset = query.offset ?? 0;
        // After the "correction" every row moves down by `shift` ids (one sample left the filter).
        const items = Array.from({ length: Math.min(PAGE_SIZE, 1000 - offset) }, (_, i) => record(offset + i + shift));
        return { total: 1000 - shift, items };
      },
    } as Pick<LibraryApi, 'listSamples'> as LibraryApi;
    const store = createBrowseStore(api);
    store.getState().setFilters({});
    await new Promise((resolve) => setTimeout(resolve, 0));
    store.getState().ensureRows(PAGE_SIZE + 1, PAGE_SIZE + 2);
    await store.getState().select(PAGE_SIZE + 10);
    queries.length = 0;

    shift = 1;
    const refreshing = store.getState().refreshRows();
    // The old rows stay visible while the fresh ones load.
    expect(store.getState().rowAt(0)?.id).toBe(0);
    await refreshing;
    expect(queries.map((query) => query.offset)).toEqual([0, PAGE_SIZE]);
    expect(store.getState().rowAt(0)?.id).toBe(1);
    expect(store.getState().total).toBe(999);
    expect(store.getState().selected?.id).toBe(PAGE_SIZE + 10);
    expect(store.getState().selectedIndex).toBe(PAGE_SIZE + 9);
  });
});
