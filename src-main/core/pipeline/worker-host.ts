// The worker side of the pool protocol: answers requests by calling the exposed methods.
import { parentPort } from 'node:worker_threads';
import type { WorkerMethods, WorkerRequest, WorkerResponse } from './worker-pool.js';

export function exposeWorkerMethods(methods: WorkerMethods, transferOf?: (result: unknown) => ArrayBuffer[]): void {
  const port = parentPort;
  if (!port) throw new Error('exposeWorkerMethods must run inside a worker thread');
  port.on('message', async (request: WorkerRequest) => {
    let response: WorkerResponse;
    let transfer: ArrayBuffer[] = [];
    try {
      const method = methods[request.method];
      if (!method) throw new Error(`unknown worker method ${request.method}`);
      const result = await (method as (...args: unknown[]) => Promise<unknown>)(...request.args);
      transfer = transferOf?.(result) ?? [];
      response = { seq: request.seq, ok: true, result };
    } catch (error) {
      response = { seq: request.seq, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(response, transfer);
  });
}
