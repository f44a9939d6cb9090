// The composition root's products, handed to panels through React context (no module singletons).
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { LibraryApi } from '../../src-shared/api.js';
import type { DesktopApi } from '../../src-shared/desktop.js';
import type { HostMode } from '../api/library-api.js';
import type { AuditionPlayer } from '../state/audition-player.js';
import type { BrowseStore } from '../state/browse-store.js';
import type { IndexingStore } from '../state/indexing-store.js';
import type { SimilarStore } from '../state/similar-store.js';
import type { WaveformCache } from '../state/waveform-cache.js';

export type AppView = 'browse' | 'anomalies' | 'map';

export interface ViewState {
  view: AppView;
}

export interface AppServices {
  api: LibraryApi;
  mode: HostMode;
  /** Reveal, copy path, drag out: Electron only. */
  desktop: DesktopApi | null;
  player: AuditionPlayer;
  browse: BrowseStore;
  indexing: IndexingStore;
  similar: SimilarStore;
  view: StoreApi<ViewState>;
  /** Thumbnail peaks shared by every list. */
  waveforms: WaveformCache;
}

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('panel rendered outside <ServicesContext.Provider>');
  return services;
}

/** Selector hook over one of the services' stores. */
export function useSlice<State, Slice>(store: StoreApi<State>, selector: (state: State) => Slice): Slice {
  return useStore(store, selector);
}
