// "Find similar": the ranked neighbours of a catalogued sample or of a dropped audio file.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LibraryApi } from '../../src-shared/api.js';
import type { SampleRecord, SearchHit } from '../../src-shared/sample.js';

export type SimilarSource = { kind: 'sample'; id: number; name: string } | { kind: 'file'; name: string };

export interface SimilarState {
  source: SimilarSource | null;
  hits: readonly SearchHit[];
  loading: boolean;
  error: string | null;
  selectedIndex: number | null;
  similarToSample(record: SampleRecord): Promise<void>;
  similarToFile(file: File): Promise<void>;
  select(index: number): SearchHit | null;
}

export type SimilarStore = StoreApi<SimilarState>;

const RESULT_COUNT = 50;

export function createSimilarStore(api: LibraryApi): SimilarStore {
  let request = 0;
  return createStore<SimilarState>((set, get) => {
    async function run(source: SimilarSource, search: () => Promise<SearchHit[]>): Promise<void> {
      const mine = ++request;
      set({ source, loading: true, error: null, hits: [], selectedIndex: null });
      try {
        const hits = await search();
        if (mine === request) set({ hits, loading: false });
      } catch (error) {
        if (mine === request) set({ loading: false, error: error instanceof Error ? error.message : String(error) });
      }
    }

    return {
      source: null,
      hits: [],
      loading: false,
      error: null,
      selectedIndex: null,

      similarToSample(record) {
        return run({ kind: 'sample', id: record.id, name: record.name }, () => api.similarToSample(record.id, { n: RESULT_COUNT }));
      },

      similarToFile(file) {
        return run({ kind: 'file', name: file.name }, async () =>
          api.similarToAudio(new Uint8Array(await file.arrayBuffer()), file.name, { n: RESULT_COUNT }),
        );
      },

      select(index) {
        const hits = get().hits;
        if (hits.length === 0) return null;
        const clamped = Math.min(Math.max(index, 0), hits.length - 1);
        set({ selectedIndex: clamped });
        return hits[clamped];
      },
    };
  });
}
