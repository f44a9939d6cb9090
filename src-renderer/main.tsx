// Composition root of the renderer: picks the API (Electron preload or HTTP), builds the player and
// stores once, and hands them to the panels through context.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createStore } from 'zustand/vanilla';
import { getDesktopApi } from './api/desktop-api.js';
import { getLibraryApi, hostMode } from './api/library-api.js';
import { App } from './app/App.js';
import { ServicesContext, type AppServices, type ViewState } from './app/services.js';
import { AuditionPlayer } from './state/audition-player.js';
import { prefetchAroundSelection } from './state/audition-prefetch.js';
import { createBrowseStore } from './state/browse-store.js';
import { createIndexingStore } from './state/indexing-store.js';
import { createSimilarStore } from './state/similar-store.js';
import { WaveformCache } from './state/waveform-cache.js';
import './styles.css';

function createServices(): AppServices {
  const api = getLibraryApi();
  const mode = hostMode();
  return {
    api,
    mode,
    desktop: getDesktopApi(),
    player: new AuditionPlayer(mode),
    browse: createBrowseStore(api),
    indexing: createIndexingStore(api),
    similar: createSimilarStore(api),
    view: createStore<ViewState>(() => ({ view: 'browse' })),
    waveforms: new WaveformCache(api),
  };
}

const services = createServices();
// Lives as long as the page: the list's neighbours are decoded ahead of ↑/↓.
prefetchAroundSelection(services.browse, services.player);
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');
createRoot(rootElement).render(
  <StrictMode>
    <ServicesContext.Provider value={services}>
      <App />
    </ServicesContext.Provider>
  </StrictMode>,
);
