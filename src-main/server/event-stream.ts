// GET /api/events: Server-Sent Events forwarding the library's subscriptions. Each client owns
// one subscription, disposed the moment its connection closes (or the server shuts down).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IndexProgress, LibraryApi } from '../../src-shared/api.js';
import { BASE_HEADERS } from './http-io.js';

/** Unsent bytes after which progress snapshots are skipped for a slow client. */
const MAX_UNSENT_BYTES = 256 * 1024;

export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly api: Pick<LibraryApi, 'onIndexProgress'>,
    private readonly heartbeatMs: number,
  ) {}

  get clientCount(): number {
    return this.open.size;
  }

  attach(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Tells reverse proxies (nginx) not to buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    // `retry` sets EventSource's reconnect delay; the comment flushes headers to the client now.
    res.write('retry: 3000\n: connected\n\n');
    // Idle TCP connections through proxies get dropped; a comment line every so often keeps it open.
    req.socket.setKeepAlive(true);
    req.socket.setTimeout(0);

    let lastSentPhase: IndexProgress['phase'] | null = null;
    const dispose = this.api.onIndexProgress((progress) => {
      // Each progress event is a full snapshot, so a client that is not keeping up can skip some
      // rather than have them buffered without bound; a change of phase (above all `done`) always goes.
      if (res.writableLength > MAX_UNSENT_BYTES && progress.phase === lastSentPhase) return;
      lastSentPhase = progress.phase;
      res.write(`event: indexProgress\ndata: ${JSON.stringify(progress)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs);
    heartbeat.unref();
    this.open.add(res);

    let closed = false;
    const cleanUp = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      dispose();
      this.open.delete(res);
    };
    res.on('close', cleanUp);
    req.on('close', cleanUp);
  }

  /** Ends every stream (server shutdown); their close handlers dispose the subscriptions. */
  closeAll(): void {
    for (const res of this.open) res.end();
  }
}
