// `sampledex-audio://sample/<id>`: how the page's <audio> element plays a catalogued sample. Only
// ids travel; the path comes from the catalogue (LibraryService.audioFilePath), so the page cannot
// read arbitrary files. Electron objects are passed in (main.ts), so this runs under test as is.
import { pathToFileURL } from 'node:url';
import type { CustomScheme, Protocol } from 'electron';

export const AUDIO_SCHEME = 'sampledex-audio';
/** The URL's host. Standard schemes canonicalise a numeric host as IPv4 (`//12` → `//0.0.0.12`), so the id goes in the path. */
const AUDIO_HOST = 'sample';

/**
 * standard + secure: a real origin and a secure context for the page's media element;
 * stream: the media element may seek (range requests); supportFetchAPI + corsEnabled: the page
 * (a file: or dev-server origin, so cross-origin to this scheme) may fetch() a sample to decode it
 * for the player's WebAudio cache. Only the app's own page runs in this app (navigation is locked
 * down in main.ts), and the scheme serves catalogued samples by id only.
 */
export const AUDIO_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: AUDIO_SCHEME,
  privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true, corsEnabled: true },
};

export function sampleAudioUrl(id: number): string {
  return `${AUDIO_SCHEME}://${AUDIO_HOST}/${id}`;
}

/** The sample id a `sampledex-audio://sample/<id>` URL names, or null for anything else. */
export function parseSampleAudioUrl(raw: string): number | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${AUDIO_SCHEME}:` || url.hostname !== AUDIO_HOST) return null;
  const match = /^\/([1-9][0-9]{0,15})\/?$/.exec(url.pathname);
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : null;
}

export interface AudioRequestDeps {
  /** The catalogued file of a sample, or null. */
  samplePath(id: number): string | null;
  /** Electron's net.fetch: reads file: URLs, answering a Range header with 206 and Content-Range. */
  fetchFile(url: string, init: { headers: Record<string, string> }): Promise<Response>;
}

function notFound(): Response {
  return new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
}

export function createAudioRequestHandler(deps: AudioRequestDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405 });
    const id = parseSampleAudioUrl(request.url);
    const path = id === null ? null : deps.samplePath(id);
    if (path === null) return notFound();
    const range = request.headers.get('range');
    try {
      return await deps.fetchFile(pathToFileURL(path).href, { headers: range ? { Range: range } : {} });
    } catch {
      // Catalogued but gone from disk (moved, unmounted drive) until the next index run.
      return notFound();
    }
  };
}

/** Must run before app 'ready': Chromium fixes scheme privileges at startup. */
export function registerAudioScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([AUDIO_SCHEME_PRIVILEGES]);
}

export function handleAudioProtocol(protocol: Pick<Protocol, 'handle' | 'unhandle'>, deps: AudioRequestDeps): () => void {
  protocol.handle(AUDIO_SCHEME, createAudioRequestHandler(deps));
  return () => protocol.unhandle(AUDIO_SCHEME);
}
