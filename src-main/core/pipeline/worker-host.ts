// The worker side of the pool protocol: answers requests by calling the exposed methods.
import { parentPort } from 'node:worker_threads';
import type { WorkerMethods, WorkerRequest, WorkerResponse } from './worker-pool.js';

/**
 * Results are copied back, never transferred: transferring detaches a buffer, and after the first
 * detach in a thread V8 guards every typed array access against it. Transferring each 256-byte
 * embedding back cost an index run of the corpus 8% more CPU in its workers.
 */
export function exposeWorkerMethods(methods: WorkerMethods): void {
  const port = parentPort;
  if (!port) throw new Error('exposeWorkerMethods must run inside a worker thread');
  port.on('message', async (request: WorkerRequest) => {
    let response: WorkerResponse;
    try {
      const method = methods[request.method];
      if (!method) throw new Error(`unknown worker method ${request.method}`);
      const result = await (method as (...args: unknown[]) => Promise<unknown>)(...request.args);
      response = { seq: request.seq, ok: true, result };
    } catch (error) {
      response = { seq: request.seq, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(response);
  });
}
