// The server's whole surface as one table: method, OpenAPI-style path, one handler each. The
// router, `GET /`'s endpoint list and the OpenAPI test all read this table, so they cannot drift.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LibraryApi, SampleQuery, SimilarOptions } from '../../src-shared/api.js';
import { isLibraryMethod } from '../../src-shared/api.js';
import { CATEGORIES, KINDS, isCategory, isKind } from '../../src-shared/taxonomy.js';
import { decodeArgs } from '../../src-shared/transport.js';
import { IPC_LIMITS, validateArgs } from '../../src-shared/validate-args.js';
import type { EventStreams } from './event-stream.js';
import { sendFile } from './file-responses.js';
import { badRequest, notFound } from './http-errors.js';
import { parseBooleanParam, parseIntParam, parseNumberParam, readJsonBody, sendJson } from './http-io.js';
import { readUploadedFile } from './multipart.js';
import { openApiDocument } from './openapi.js';
import { toSearchResponse } from './search-response.js';
import type { StaticSite } from './static-site.js';

/** What the server needs from the core: the API plus the one file lookup that is not an API call. */
export interface ServedLibrary extends LibraryApi {
  /** Absolute path of a catalogued sample's file, or null (only catalogued files are ever served). */
  audioFilePath(id: number): string | null;
}

export interface ServerLimits {
  maxUploadBytes: number;
  /** JSON bodies carry uploads as base64 ($bytes), so they may be a third larger than a file. */
  maxJsonBytes: number;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Path parameters in the order the route's path names them. */
  params: string[];
  library: ServedLibrary;
  limits: ServerLimits;
  events: EventStreams;
  site: StaticSite | null;
  about: { name: string; version: string };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface Route {
  method: HttpMethod;
  /** Path template as OpenAPI writes it, e.g. `/api/samples/{id}`. */
  path: string;
  summary: string;
  handle(context: RouteContext): Promise<void>;
}

export const DEFAULT_N_RESULTS = 5;
export const MAX_N_RESULTS = 100;
export const MAX_PAGE_LIMIT = IPC_LIMITS.maxPageSize;
const MAX_FILE_NAME_LENGTH = IPC_LIMITS.maxFileNameLength;
const SORT_KEYS = ['name', 'path', 'category', 'duration', 'bpm'] as const satisfies readonly NonNullable<SampleQuery['sort']>[];

function sampleId(raw: string): number {
  return parseIntParam('id', raw, 0, Number.MAX_SAFE_INTEGER);
}

/** Applies each present query parameter with its parser; any parameter not listed is a 400. */
function readQuery(url: URL, parsers: Record<string, (raw: string) => void>): void {
  for (const [name, raw] of url.searchParams) {
    const parse = parsers[name];
    if (!parse) throw badRequest(`unknown query parameter "${name}"; expected one of: ${Object.keys(parsers).join(', ')}`);
    parse(raw);
  }
}

function nonEmpty(name: string, raw: string): string {
  const value = raw.trim();
  if (value === '') throw badRequest(`${name} must not be empty`);
  return value;
}

function categoryParam(raw: string): SampleQuery['category'] {
  if (!isCategory(raw)) throw badRequest(`category must be one of: ${CATEGORIES.join(', ')}`);
  return raw;
}

function kindParam(raw: string): SampleQuery['kind'] {
  if (!isKind(raw)) throw badRequest(`kind must be one of: ${KINDS.join(', ')}`);
  return raw;
}

function pageParams(query: SampleQuery): Record<string, (raw: string) => void> {
  return {
    offset: (raw) => (query.offset = parseIntParam('offset', raw, 0, Number.MAX_SAFE_INTEGER)),
    limit: (raw) => (query.limit = parseIntParam('limit', raw, 1, MAX_PAGE_LIMIT)),
    sort: (raw) => {
      const sort = SORT_KEYS.find((key) => key === raw);
      if (!sort) throw badRequest(`sort must be one of: ${SORT_KEYS.join(', ')}`);
      query.sort = sort;
    },
  };
}

export function parseSampleQuery(url: URL): SampleQuery {
  const query: SampleQuery = {};
  readQuery(url, {
    text: (raw) => (query.text = nonEmpty('text', raw)),
    category: (raw) => (query.category = categoryParam(raw)),
    genre: (raw) => (query.genre = nonEmpty('genre', raw)),
    kind: (raw) => (query.kind = kindParam(raw)),
    bpmMin: (raw) => (query.bpmMin = parseNumberParam('bpmMin', raw)),
    bpmMax: (raw) => (query.bpmMax = parseNumberParam('bpmMax', raw)),
    key: (raw) => (query.key = nonEmpty('key', raw)),
    tag: (raw) => (query.tag = nonEmpty('tag', raw)),
    flagged: (raw) => (query.flaggedOnly = parseBooleanParam('flagged', raw)),
    failed: (raw) => (query.failedOnly = parseBooleanParam('failed', raw)),
    favourites: (raw) => (query.favouritesOnly = parseBooleanParam('favourites', raw)),
    ...pageParams(query),
  });
  return query;
}

function parseSimilarOptions(url: URL, countParam: 'n' | 'n_results'): SimilarOptions {
  const options: SimilarOptions = { n: DEFAULT_N_RESULTS };
  readQuery(url, {
    [countParam]: (raw: string) => (options.n = parseIntParam(countParam, raw, 1, MAX_N_RESULTS)),
    category: (raw) => (options.category = categoryParam(raw)),
    kind: (raw) => (options.kind = kindParam(raw)),
  });
  return options;
}

/** Wants HTML: a browser navigating here. curl (`*\/*`), scripts and `Accept: application/json` get JSON. */
function prefersHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('text/html');
}

async function callMethod({ req, params, library, limits, res }: RouteContext): Promise<void> {
  const [method] = params;
  if (!isLibraryMethod(method)) throw notFound(`unknown method "${method}"`);
  const body = await readJsonBody(req, limits.maxJsonBytes);
  let args: unknown[] = [];
  if (body !== undefined) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('body must be {"args": [...]}');
    const rawArgs = (body as { args?: unknown }).args;
    if (rawArgs !== undefined && !Array.isArray(rawArgs)) throw badRequest('"args" must be an array');
    args = decodeArgs(rawArgs ?? []);
  }
  // The same checks Electron IPC applies: an HTTP client is untrusted input too.
  const validArgs = validateArgs(method, args);
  // LIBRARY_METHODS lists only request/response methods, so every one is callable like this;
  // validateArgs typed the arguments for this very method, which TS cannot correlate.
  const target = library[method] as (...callArgs: readonly unknown[]) => Promise<unknown>;
  const result = await target.apply(library, validArgs);
  sendJson(res, 200, { result: result ?? null });
}

export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/',
    summary: 'Service description (JSON), or the web app for a browser in web mode',
    async handle(context) {
      const { req, res, site, about } = context;
      if (site && prefersHtml(req)) {
        res.setHeader('Vary', 'Accept');
        await site.sendIndex(req, res);
        return;
      }
      const endpoints = ROUTES.map((route) => `${route.method} ${route.path}`);
      sendJson(res, 200, { name: about.name, version: about.version, endpoints }, { Vary: 'Accept' });
    },
  },
  {
    method: 'GET',
    path: '/stats',
    summary: 'Library statistics (prototype-compatible)',
    async handle({ res, library }) {
      sendJson(res, 200, await library.stats());
    },
  },
  {
    method: 'POST',
    path: '/search',
    summary: 'Find the n most similar samples to an uploaded audio file (multipart field "file")',
    async handle({ req, res, url, library, limits }) {
      // Validate the cheap part before reading a possibly large body.
      const options = parseSimilarOptions(url, 'n_results');
      const upload = await readUploadedFile(req, { fieldName: 'file', maxBytes: limits.maxUploadBytes });
      if (upload.bytes.byteLength === 0) throw badRequest('uploaded file is empty');
      // Only the name's end matters to the core (the extension hints at the container).
      const fileName = upload.fileName.slice(-MAX_FILE_NAME_LENGTH) || 'upload';
      const hits = await library.similarToAudio(...validateArgs('similarToAudio', [upload.bytes, fileName, options]));
      sendJson(res, 200, toSearchResponse(hits, { filename: upload.fileName, sizeBytes: upload.bytes.byteLength, n_results: options.n ?? DEFAULT_N_RESULTS }));
    },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document',
    async handle({ res, about }) {
      sendJson(res, 200, openApiDocument(about.version), { 'Cache-Control': 'no-cache' });
    },
  },
  {
    method: 'POST',
    path: '/api/call/{method}',
    summary: 'Call any LibraryApi method: body {"args": [...]} → {"result": ...}',
    handle: callMethod,
  },
  {
    method: 'GET',
    path: '/api/events',
    summary: 'Server-Sent Events: `indexProgress` while indexing',
    async handle({ req, res, events }) {
      events.attach(req, res);
    },
  },
  {
    method: 'GET',
    path: '/api/samples',
    summary: 'List and filter samples (paged)',
    async handle({ res, url, library }) {
      sendJson(res, 200, await library.listSamples(...validateArgs('listSamples', [parseSampleQuery(url)])));
    },
  },
  {
    method: 'GET',
    path: '/api/samples/{id}',
    summary: 'One sample record',
    async handle({ res, params, library }) {
      const id = sampleId(params[0]);
      const sample = await library.getSample(id);
      if (!sample) throw notFound(`no sample with id ${id}`);
      sendJson(res, 200, sample);
    },
  },
  {
    method: 'GET',
    path: '/api/samples/{id}/audio',
    summary: "The sample's audio file (supports Range requests)",
    async handle({ req, res, params, library }) {
      const id = sampleId(params[0]);
      // Only paths the catalogue hands out are ever read: no client-supplied path reaches the disk.
      const filePath = library.audioFilePath(id);
      if (filePath === null) throw notFound(`no sample with id ${id}`);
      await sendFile(req, res, filePath, { ranges: true, cacheControl: 'private, max-age=0, must-revalidate' });
    },
  },
  {
    method: 'GET',
    path: '/api/samples/{id}/similar',
    summary: 'Samples most similar to a catalogued sample',
    async handle({ res, url, params, library }) {
      const id = sampleId(params[0]);
      sendJson(res, 200, await library.similarToSample(...validateArgs('similarToSample', [id, parseSimilarOptions(url, 'n')])));
    },
  },
  {
    method: 'PUT',
    path: '/api/samples/{id}/tags',
    summary: "Replace a sample's tags: body {\"tags\": [...]}",
    async handle({ req, res, params, library, limits }) {
      const id = sampleId(params[0]);
      const body = await readJsonBody(req, limits.maxJsonBytes);
      const tags = (body as { tags?: unknown } | undefined)?.tags;
      if (!Array.isArray(tags)) throw badRequest('body must be {"tags": ["...", ...]}');
      sendJson(res, 200, await library.setTags(...validateArgs('setTags', [id, tags])));
    },
  },
  {
    method: 'GET',
    path: '/api/anomalies',
    summary: 'Samples flagged as anomalous (paged)',
    async handle({ res, url, library }) {
      const query: SampleQuery = { flaggedOnly: true };
      readQuery(url, pageParams(query));
      sendJson(res, 200, await library.listSamples(query));
    },
  },
];

export interface CompiledRoute extends Route {
  pattern: RegExp;
}

/** `/api/samples/{id}` → /^\/api\/samples\/([^/]+)$/ ; parameters are validated by handlers. */
export function compileRoutes(routes: readonly Route[]): CompiledRoute[] {
  return routes.map((route) => {
    const source = route.path
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    return { ...route, pattern: new RegExp(`^${source}$`) };
  });
}
