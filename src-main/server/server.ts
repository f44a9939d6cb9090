// The HTTP front door: node:http, one route table (routes.ts), JSON errors, web mode's static
// files, and the limits that keep one slow or hostile client from pinning the process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { EventStreams } from './event-stream.js';
import { HttpError, errorAnswer } from './http-errors.js';
import { ClientGoneError, sendJson } from './http-io.js';
import { ROUTES, compileRoutes, type RouteContext, type ServedLibrary } from './routes.js';
import { StaticSite } from './static-site.js';

export type { ServedLibrary } from './routes.js';

export interface StartServerOptions {
  api: ServedLibrary;
  /** Interface to bind; loopback unless the caller deliberately exposes it (e.g. `0.0.0.0` in Docker). */
  host?: string;
  /** TCP port; 0 picks a free one (tests). */
  port?: number;
  /** Built renderer (folder with index.html) for web mode; API-only when absent or missing. */
  staticDir?: string;
  /** Largest audio upload POST /search accepts; more is answered 413. */
  maxUploadBytes?: number;
  /** Time a client gets to send its request headers. */
  headersTimeoutMs?: number;
  /** Time a client gets to send its whole request (headers and body). */
  requestTimeoutMs?: number;
  /** Interval of SSE comment lines that keep idle event streams open through proxies. */
  heartbeatMs?: number;
  /** Reports bugs (500s); defaults to console.error. Client mistakes are not reported. */
  onError?: (error: unknown, request: { method: string; url: string }) => void;
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8001`. */
  url: string;
  port: number;
  /** Stops accepting, ends event streams, lets in-flight answers finish briefly, then closes. Does not close the library. */
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8001;
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const DEFAULT_HEADERS_TIMEOUT_MS = 20_000;
// Long enough for a 50 MB upload over a slow link; a request still arriving after this is dropped.
const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
const DEFAULT_HEARTBEAT_MS = 15_000;
const CLOSE_GRACE_MS = 3_000;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The version in Sampledex's package.json, found by walking up from this module (src or bundled out/node). */
function sampledexVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
        if (manifest.name === 'sampledex' && typeof manifest.version === 'string') return manifest.version;
      } catch {
        // Not ours or unreadable: keep walking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}

/** Host header's host name without port, lower-cased ('' when absent, as from an HTTP/1.0 tool). */
function requestHostName(req: IncomingMessage): string {
  const host = (req.headers.host ?? '').toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0];
}

function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? '/';
  // Origin-form only ("/path?query"); a proxy's absolute-form or `*` has no meaning here.
  if (!target.startsWith('/')) throw new HttpError(400, 'bad_request', 'request target must be a path');
  return new URL(`http://localhost${target}`);
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const requestTimeout = Math.max(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, headersTimeout);
  const reportError = options.onError ?? ((error, request) => console.error(`sampledex server: ${request.method} ${request.url} failed:`, error));
  // On a loopback bind, only loopback Host names are answered: a web page that rebinds its own
  // DNS name to 127.0.0.1 must not reach the library through the user's browser.
  const checkHost = LOOPBACK_HOSTS.has(host);

  const routes = compileRoutes(ROUTES);
  const events = new EventStreams(options.api, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  const site = StaticSite.open(options.staticDir);
  const about = { name: 'sampledex', version: sampledexVersion() };
  const limits = {
    maxUploadBytes,
    maxJsonBytes: Math.ceil((maxUploadBytes * 4) / 3) + 1024 * 1024,
  };

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hostName = requestHostName(req);
    // Browsers always send Host, so a request without one cannot be a rebinding attack.
    if (checkHost && hostName !== '' && !LOOPBACK_HOSTS.has(hostName)) {
      throw new HttpError(403, 'forbidden_host', 'this server only answers requests addressed to localhost');
    }
    const url = requestUrl(req);
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const allowed: string[] = [];
    for (const route of routes) {
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const context: RouteContext = { req, res, url, params: match.slice(1), library: options.api, limits, events, site, about };
      await route.handle(context);
      return;
    }
    if (allowed.length > 0) {
      if (allowed.includes('GET')) allowed.push('HEAD');
      throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here`, { Allow: [...new Set(allowed)].join(', ') });
    }
    if (site && method === 'GET' && !url.pathname.startsWith('/api/')) {
      await site.send(req, res, url.pathname);
      return;
    }
    throw new HttpError(404, 'not_found', `no route for ${req.method} ${url.pathname}`);
  }

  function answerFailure(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    if (error instanceof ClientGoneError) {
      res.destroy();
      return;
    }
    const answer = errorAnswer(error);
    if (answer.unexpected) reportError(error, { method: req.method ?? '', url: req.url ?? '' });
    if (res.headersSent) {
      // Too late for an error body: cut the connection so the client sees a failure, not a short file.
      res.destroy();
      return;
    }
    const headers = { ...answer.headers };
    if (!req.complete) {
      // The body was refused unread (oversize, wrong type...): answer, then close the connection
      // instead of reading the rest of it.
      headers.Connection = 'close';
    }
    sendJson(res, answer.status, answer.body, headers);
  }

  const server: Server = createServer(
    {
      headersTimeout,
      requestTimeout,
      // Node checks the two timeouts on this interval; keep it a fraction of the shorter one.
      connectionsCheckingInterval: Math.max(25, Math.min(30_000, Math.floor(headersTimeout / 4))),
    },
    (req, res) => {
      dispatch(req, res).catch((error: unknown) => {
        try {
          answerFailure(req, res, error);
        } catch (secondary) {
          reportError(secondary, { method: req.method ?? '', url: req.url ?? '' });
          res.destroy();
        }
      });
    },
  );
  // Refuse an announced oversize upload before the client sends it (curl sends
  // `Expect: 100-continue` for large files); otherwise carry on as a normal request.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > limits.maxJsonBytes) {
      answerFailure(req, res, new HttpError(413, 'too_large', `request body over ${maxUploadBytes} bytes`));
      return;
    }
    res.writeContinue();
    server.emit('request', req, res);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Malformed HTTP or a header/request timeout: answer when the socket still can, never throw.
    if (socket.writable && error.code !== 'ECONNRESET') {
      const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        events.closeAll();
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        force.unref();
      });
      return closing;
    },
  };
}
