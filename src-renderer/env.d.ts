// What the Electron preload puts on window (STYLE.md §3): the typed LibraryApi and nothing else.
// Absent in web mode, where the renderer talks HTTP to `sampledex serve` instead.
import type { LibraryApi } from '../src-shared/api.js';

declare global {
  interface Window {
    sampledex?: LibraryApi;
  }
}

export {};
