// "Add folders": one indexing run at a time, its live progress (from onIndexProgress) and its summary.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { IndexProgress, IndexSummary, LibraryApi } from '../../src-shared/api.js';

export interface IndexingState {
  running: boolean;
  progress: IndexProgress | null;
  summary: IndexSummary | null;
  error: string | null;
  indexFolders(folders: string[]): Promise<IndexSummary | null>;
  /** Fed by the panel that owns the onIndexProgress subscription. */
  receiveProgress(progress: IndexProgress): void;
}

export type IndexingStore = StoreApi<IndexingState>;

export function createIndexingStore(api: LibraryApi): IndexingStore {
  return createStore<IndexingState>((set, get) => ({
    running: false,
    progress: null,
    summary: null,
    error: null,

    async indexFolders(folders) {
      if (get().running) return null;
      set({ running: true, error: null, summary: null, progress: null });
      try {
        const summary = await api.indexFolders(folders);
        set({ running: false, summary, progress: summary });
        return summary;
      } catch (error) {
        set({ running: false, error: error instanceof Error ? error.message : String(error) });
        return null;
      }
    },

    receiveProgress(progress) {
      // Events from a run another client started are shown too: the library is shared.
      set({ progress });
    },
  }));
}
