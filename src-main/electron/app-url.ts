// Which URLs are "the app itself": the one page the window may show and the only frames whose IPC
// is answered. Electron-free so the decisions are tested without Electron.
import { pathToFileURL } from 'node:url';

/** The renderer's entry: the dev server in `electron-vite dev`, else the built index.html. */
export function rendererEntryUrl(devServerUrl: string | undefined, builtIndexHtml: string): string {
  return devServerUrl ? devServerUrl : pathToFileURL(builtIndexHtml).href;
}

/**
 * A predicate for "this URL is the app's own page". http(s): same origin as the entry (the dev
 * server). file: exactly the entry file: a file: origin is opaque ("null"), so comparing origins
 * would trust every local file. Query and hash are ignored (the renderer may route with them).
 */
export function createAppUrlMatcher(entryUrl: string): (candidate: string) => boolean {
  const entry = new URL(entryUrl);
  return (candidate) => {
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      return false;
    }
    if (entry.protocol === 'file:') return url.protocol === 'file:' && url.host === entry.host && url.pathname === entry.pathname;
    if (entry.protocol === 'http:' || entry.protocol === 'https:') return url.origin === entry.origin;
    return false;
  };
}

/**
 * The one permission the app's own page gets: writing plain text to the clipboard (copy a path).
 * No camera, microphone, notifications, geolocation…; nothing for any other page.
 */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, requestingUrl: string, isAppUrl: (url: string) => boolean): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}
