// Where the renderer's LibraryApi comes from: Electron's preload (window.sampledex) when present,
// otherwise HTTP to the server that served this page (web mode).
import type { LibraryApi } from '../../src-shared/api.js';
import { createHttpLibraryApi } from './http-library-api.js';

export type HostMode = 'electron' | 'web';

export function hostMode(): HostMode {
  return window.sampledex ? 'electron' : 'web';
}

export function getLibraryApi(): LibraryApi {
  return window.sampledex ?? createHttpLibraryApi(window.location.href);
}
