// The main window's options and the page's Content Security Policy, as plain values so every
// security flag is asserted in a test (test/electron/window-options.test.ts).
import type { BrowserWindowConstructorOptions } from 'electron';

/** Matches the renderer's dark theme so the window does not flash white before the first paint. */
export const WINDOW_BACKGROUND = '#16171a';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Sampledex',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on 'ready-to-show', so the user never sees a half-rendered page.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A file or folder dropped on the window is for "find similar" or indexing, never a navigation to it.
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/**
 * media-src admits the scheme audio-protocol.ts serves samples from (the <audio> element); so does
 * connect-src, for the player's fetch() of a sample it decodes into its WebAudio cache.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: sampledex-audio:",
  "connect-src 'self' sampledex-audio:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy for a page from `electron-vite dev`: Vite's React refresh injects an inline script and
 * hot reload talks over a WebSocket to the dev server, so those two (and only those) are added.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const socket = new URL(devServerUrl);
  socket.protocol = socket.protocol === 'https:' ? 'wss:' : 'ws:';
  return CONTENT_SECURITY_POLICY
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${socket.origin}`);
}

/** Response headers with our policy in place of any the response carried (header names are case-insensitive). */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}
