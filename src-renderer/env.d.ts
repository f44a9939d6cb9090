// What the Electron preload puts on window (STYLE.md §3): the typed LibraryApi, plus the desktop
// actions on a sample by id. Both absent in web mode, where the renderer talks HTTP instead.
import type { LibraryApi } from '../src-shared/api.js';
import type { DesktopApi } from '../src-shared/desktop.js';
import type { AuditionLatency } from './state/audition-player.js';

declare global {
  interface Window {
    sampledex?: LibraryApi;
    sampledexDesktop?: DesktopApi;
    /** Each audition's gesture-to-start time, appended by the AuditionPlayer (e2e and devtools read it). */
    __sampledexAuditionLatencies?: AuditionLatency[];
  }
}

export {};
