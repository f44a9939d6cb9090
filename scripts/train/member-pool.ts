// Trains ensemble members in worker threads, one per core. The leave-one-pack-out evaluation of a
// three-member ensemble trains 24 networks of ~1 CPU-minute each; they are independent, so the
// pool halves `npm run train` on two cores. Each job is a pure function of its inputs (the seed
// drives all randomness), so results are the same in any order or thread.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { denseToJson, trainMlp, type MlpTrainingOptions } from '../../src-main/core/embed/mlp.js';
import type { DenseLayerJson } from '../../src-main/core/nn/dense.js';
import { createRandom } from './render/prng.js';

export interface MemberJob {
  /** Standardised feature rows, row-major: rows × width. */
  features: Float64Array;
  width: number;
  /** Class index of each row. */
  labels: Int32Array;
  classCount: number;
  options: MlpTrainingOptions;
}

export interface TrainedMember {
  layers: DenseLayerJson[];
  head: DenseLayerJson;
  scale: number;
}

/** What a worker thread of this pool is started with: a marker, so the bundle's entry knows. */
interface MemberWorkerData {
  memberPool: true;
}

export function trainMember(job: MemberJob): TrainedMember {
  const rows: Float64Array[] = [];
  for (let r = 0; r * job.width < job.features.length; r++) rows.push(job.features.subarray(r * job.width, (r + 1) * job.width));
  const net = trainMlp(rows, Array.from(job.labels), job.classCount, job.options, createRandom(job.options.seed));
  return { layers: net.layers.map((d) => denseToJson(d)), head: denseToJson(net.head), scale: net.scale };
}

/** True inside one of the pool's threads: the bundle's entry then serves jobs instead of running main. */
export function isMemberWorker(): boolean {
  return !isMainThread && (workerData as Partial<MemberWorkerData> | null)?.memberPool === true;
}

/** The worker side: trains each job it is sent and posts the result back. */
export function serveMemberJobs(): void {
  const port = parentPort;
  if (!port) throw new Error('serveMemberJobs must run in a worker thread');
  port.on('message', (job: MemberJob) => port.postMessage(trainMember(job)));
}

export type MemberTrainer = (job: MemberJob) => Promise<TrainedMember>;

/** Trains in this thread: for tests and one-off scripts. */
export const trainInThisThread: MemberTrainer = (job) => Promise.resolve(trainMember(job));

/**
 * A pool of `size` threads running `script` (the bundle that calls serveMemberJobs when
 * isMemberWorker()). `close` ends them.
 */
export function memberPool(script: string, size = availableParallelism()): { train: MemberTrainer; close: () => Promise<void> } {
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const waiting: (() => void)[] = [];
  for (let i = 0; i < Math.max(1, size); i++) {
    const worker = new Worker(script, { workerData: { memberPool: true } satisfies MemberWorkerData });
    all.push(worker);
    idle.push(worker);
  }
  const acquire = async (): Promise<Worker> => {
    while (idle.length === 0) await new Promise<void>((resolve) => waiting.push(resolve));
    return idle.pop()!;
  };
  const release = (worker: Worker) => {
    idle.push(worker);
    waiting.shift()?.();
  };
  const train: MemberTrainer = async (job) => {
    const worker = await acquire();
    try {
      return await new Promise<TrainedMember>((resolve, reject) => {
        const onError = (error: Error) => {
          worker.off('message', onMessage);
          reject(error);
        };
        const onMessage = (result: TrainedMember) => {
          worker.off('error', onError);
          resolve(result);
        };
        worker.once('message', onMessage);
        worker.once('error', onError);
        worker.postMessage(job);
      });
    } finally {
      release(worker);
    }
  };
  return { train, close: async () => void (await Promise.all(all.map((w) => w.terminate()))) };
}
