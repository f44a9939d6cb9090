// The browser's model: the active filters, a sparse page cache over listSamples (the list is
// windowed, so only pages near the viewport are ever fetched) and the selection.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LibraryApi, LibraryStats, SampleQuery } from '../../src-shared/api.js';
import type { SampleRecord } from '../../src-shared/sample.js';

export const PAGE_SIZE = 200;

/** The filters a user sets; paging is the store's business. */
export type SampleFilters = Omit<SampleQuery, 'offset' | 'limit'>;

export interface BrowseState {
  stats: LibraryStats | null;
  filters: SampleFilters;
  /** Rows matching the filters (from the first page's answer). */
  total: number;
  /** Page index → rows. Replaced (never mutated) so subscribers re-render. */
  pages: ReadonlyMap<number, readonly SampleRecord[]>;
  /** Bumped on every filter change; answers for an older generation are dropped. */
  generation: number;
  loading: boolean;
  error: string | null;
  selectedIndex: number | null;
  selected: SampleRecord | null;
}

export interface BrowseActions {
  setFilters(patch: Partial<SampleFilters>, replace?: boolean): void;
  /** Re-runs the current query and the stats (after indexing, tagging...). */
  refresh(): Promise<void>;
  refreshStats(): Promise<void>;
  /**
   * Re-fetches the loaded pages in place, keeping the scroll position and the selection on its
   * sample (it may move or leave the filtered list). For label corrections: a genre correction
   * retrains the genre model, so other rows' predicted genres may change too.
   */
  refreshRows(): Promise<void>;
  /** Makes sure rows first..last are loaded (called by the virtual list as it scrolls). */
  ensureRows(first: number, last: number): void;
  /** Selects a row by index; resolves with its record once loaded. */
  select(index: number): Promise<SampleRecord | null>;
  rowAt(index: number): SampleRecord | undefined;
  /** Shows a record that is not (necessarily) in the list, e.g. a similar-sounds hit. */
  inspect(record: SampleRecord): void;
  /** Puts an updated record (tags, favourite) everywhere it is shown. */
  replaceRecord(record: SampleRecord): void;
}

export type BrowseStore = StoreApi<BrowseState & BrowseActions>;

export function createBrowseStore(api: LibraryApi): BrowseStore {
  const inFlight = new Map<number, Promise<void>>();

  return createStore<BrowseState & BrowseActions>((set, get) => {
    async function loadPage(page: number): Promise<void> {
      const { generation, filters } = get();
      const key = generation * 1_000_000 + page;
      const existing = inFlight.get(key);
      if (existing) return existing;
      const request = (async () => {
        try {
          const answer = await api.listSamples({ ...filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
          if (get().generation !== generation) return;
          const pages = new Map(get().pages);
          pages.set(page, answer.items);
          set({ pages, total: answer.total, loading: false, error: null });
        } catch (error) {
          if (get().generation === generation) set({ loading: false, error: error instanceof Error ? error.message : String(error) });
        } finally {
          inFlight.delete(key);
        }
      })();
      inFlight.set(key, request);
      return request;
    }

    async function reload(): Promise<void> {
      set((state) => ({ generation: state.generation + 1, pages: new Map(), loading: true, selectedIndex: null }));
      await loadPage(0);
    }

    return {
      stats: null,
      filters: { sort: 'name' },
      total: 0,
      pages: new Map(),
      generation: 0,
      loading: false,
      error: null,
      selectedIndex: null,
      selected: null,

      setFilters(patch, replace = false) {
        set((state) => ({ filters: replace ? { sort: state.filters.sort, ...patch } : { ...state.filters, ...patch } }));
        void reload();
      },

      async refresh() {
        await Promise.all([reload(), get().refreshStats()]);
      },

      async refreshStats() {
        try {
          set({ stats: await api.stats() });
        } catch (error) {
          set({ error: error instanceof Error ? error.message : String(error) });
        }
      },

      async refreshRows() {
        const loaded = [...get().pages.keys()];
        // A new generation drops answers still in flight for the old rows; the old pages stay on
        // screen until their fresh copies arrive, so the list does not flash empty.
        set((state) => ({ generation: state.generation + 1 }));
        await Promise.all((loaded.length > 0 ? loaded : [0]).map((page) => loadPage(page)));
        const { selected, selectedIndex, pages } = get();
        if (!selected || selectedIndex === null) return;
        for (const [page, rows] of pages) {
          const at = rows.findIndex((row) => row.id === selected.id);
          if (at >= 0) {
            set({ selectedIndex: page * PAGE_SIZE + at, selected: rows[at] });
            return;
          }
        }
        // Corrected out of the filter (e.g. a kick relabelled while browsing kicks): still shown, no row.
        set({ selectedIndex: null });
      },

      ensureRows(first, last) {
        const { total, pages } = get();
        const lastRow = Math.min(last, Math.max(total - 1, 0));
        for (let page = Math.floor(Math.max(first, 0) / PAGE_SIZE); page <= Math.floor(lastRow / PAGE_SIZE); page++) {
          if (!pages.has(page)) void loadPage(page);
        }
      },

      async select(index) {
        const { total } = get();
        if (total === 0) return null;
        const clamped = Math.min(Math.max(index, 0), total - 1);
        set({ selectedIndex: clamped, selected: get().rowAt(clamped) ?? null });
        if (!get().rowAt(clamped)) {
          await loadPage(Math.floor(clamped / PAGE_SIZE));
          if (get().selectedIndex !== clamped) return null;
          set({ selected: get().rowAt(clamped) ?? null });
        }
        return get().selected;
      },

      rowAt(index) {
        return get().pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
      },

      inspect(record) {
        set({ selectedIndex: null, selected: record });
      },

      replaceRecord(record) {
        const pages = new Map(get().pages);
        for (const [page, rows] of pages) {
          const at = rows.findIndex((row) => row.id === record.id);
          if (at >= 0) pages.set(page, rows.map((row, i) => (i === at ? record : row)));
        }
        const selected = get().selected?.id === record.id ? record : get().selected;
        set({ pages, selected });
      },
    };
  });
}
