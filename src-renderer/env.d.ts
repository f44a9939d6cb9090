// What the Electron preload puts on window (STYLE.md §3): the typed LibraryApi, plus the desktop
// actions on a sample by id. Both absent in web mode, where the renderer talks HTTP instead.
import type { LibraryApi } from '../src-shared/api.js';
import type { DesktopApi } from '../src-shared/desktop.js';

declare global {
  interface Window {
    sampledex?: LibraryApi;
    sampledexDesktop?: DesktopApi;
  }
}

export {};
