// A pool of worker threads with a typed request/response protocol (after Signal Desktop's SQL
// workers): requests carry a sequence number, errors travel back as messages, and a worker that
// crashes or hangs is replaced without taking the run down.
import { Worker, type Transferable } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

/** The shape a worker exposes: async methods with structured-clonable arguments and results. */
export type WorkerMethods = { [method: string]: (...args: never[]) => Promise<unknown> };

export interface WorkerRequest {
  seq: number;
  method: string;
  args: unknown[];
}

export type WorkerResponse = { seq: number; ok: true; result: unknown } | { seq: number; ok: false; error: string };

interface PendingCall {
  seq: number;
  method: string;
  args: unknown[];
  transfer: Transferable[];
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  busy: PendingCall | null;
  timer: NodeJS.Timeout | null;
}

export interface WorkerPoolOptions {
  script: URL | string;
  workerData?: unknown;
  size?: number;
  /** A task running longer than this is abandoned: its worker is terminated and replaced. */
  taskTimeoutMs?: number;
  /** Per-worker heap limit, so one pathological file cannot exhaust the machine's memory. */
  maxHeapMb?: number;
  /** What a task's failure reason calls the worker and its task (default 'analysis worker', 'analysis'). */
  names?: { worker: string; task: string };
}

export class WorkerTaskError extends Error {}

/** Sized to the machine: one worker per core, leaving none idle (the main thread mostly waits on I/O). */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

export class WorkerPool<Api extends WorkerMethods> {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: PendingCall[] = [];
  private seq = 0;
  private closed = false;

  private readonly names: { worker: string; task: string };

  constructor(private readonly options: WorkerPoolOptions) {
    this.names = options.names ?? { worker: 'analysis worker', task: 'analysis' };
    const size = options.size ?? defaultPoolSize();
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  get size(): number {
    return this.workers.length;
  }

  call<M extends keyof Api & string>(
    method: M,
    args: Parameters<Api[M]>,
    transfer: Transferable[] = [],
  ): Promise<Awaited<ReturnType<Api[M]>>> {
    if (this.closed) return Promise.reject(new WorkerTaskError('worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ seq: ++this.seq, method, args, transfer, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const call of this.queue.splice(0)) call.reject(new WorkerTaskError('worker pool closed'));
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private spawn(): PoolWorker {
    const heap = this.options.maxHeapMb ?? 2048;
    const worker = new Worker(this.options.script, {
      workerData: this.options.workerData,
      resourceLimits: { maxOldGenerationSizeMb: heap },
    });
    const slot: PoolWorker = { worker, busy: null, timer: null };
    worker.on('message', (message: WorkerResponse) => this.onMessage(slot, message));
    worker.on('error', (error: Error) => this.onWorkerDeath(slot, `${this.names.worker} crashed: ${error.message}`));
    worker.on('exit', (code) => {
      if (!this.closed) this.onWorkerDeath(slot, `${this.names.worker} exited (code ${code})`);
    });
    // Idle workers must not keep the process alive (CLI commands exit when done).
    worker.unref();
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.workers) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      const call = this.queue.shift()!;
      slot.busy = call;
      slot.worker.ref();
      if (this.options.taskTimeoutMs) {
        slot.timer = setTimeout(() => this.onTimeout(slot), this.options.taskTimeoutMs);
      }
      const request: WorkerRequest = { seq: call.seq, method: call.method, args: call.args };
      slot.worker.postMessage(request, call.transfer);
    }
  }

  private finish(slot: PoolWorker): PendingCall | null {
    const call = slot.busy;
    slot.busy = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.worker.unref();
    return call;
  }

  private onMessage(slot: PoolWorker, message: WorkerResponse): void {
    if (!slot.busy || slot.busy.seq !== message.seq) return;
    const call = this.finish(slot)!;
    if (message.ok) call.resolve(message.result);
    else call.reject(new WorkerTaskError(message.error));
    this.dispatch();
  }

  private onTimeout(slot: PoolWorker): void {
    const seconds = Math.round((this.options.taskTimeoutMs ?? 0) / 1000);
    this.replace(slot, `${this.names.task} took longer than ${seconds} s and was stopped`);
  }

  private onWorkerDeath(slot: PoolWorker, reason: string): void {
    if (!this.workers.includes(slot)) return;
    this.replace(slot, reason);
  }

  /** Fails the worker's current task with `reason`, swaps in a fresh worker and carries on. */
  private replace(slot: PoolWorker, reason: string): void {
    const index = this.workers.indexOf(slot);
    if (index < 0) return;
    const call = this.finish(slot);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    if (this.closed) return;
    this.workers[index] = this.spawn();
    call?.reject(new WorkerTaskError(reason));
    this.dispatch();
  }
}
