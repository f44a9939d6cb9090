// Entry point of an analysis worker thread: loads the shipped models once, then analyses files.
// The same script runs each analysis worker's decode thread (decode-thread.ts) in the 'decode' role,
// so the builds need no second entry point.
import { workerData } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { exposeWorkerMethods } from './worker-host.js';
import { analyseBytes } from './analyse-bytes.js';
import { loadAnalysisResources } from './analysis-resources.js';
import { decodeThreadMethods, threadedDecode } from './decode-thread.js';
import type { AnalysedSample } from '../catalogue/records.js';

export interface AnalysisWorkerData {
  resourcesDir: string;
  /** 'decode' for an analysis worker's decode thread; an analysis worker when absent. */
  role?: 'decode';
}

function analysisWorkerMethods(data: AnalysisWorkerData) {
  const resources = loadAnalysisResources(data.resourcesDir);
  const { decode } = threadedDecode(new URL(import.meta.url), { ...data, role: 'decode' } satisfies AnalysisWorkerData);
  return {
    /** Bytes already read by the caller (it hashed them), transferred, not copied. */
    analyseBytes: (bytes: Uint8Array, fileName: string): Promise<AnalysedSample> => analyseBytes(bytes, fileName, resources, decode),
    analyseFile: async (path: string): Promise<AnalysedSample> => analyseBytes(new Uint8Array(await readFile(path)), basename(path), resources, decode),
  };
}

export type AnalysisWorkerMethods = ReturnType<typeof analysisWorkerMethods>;

const data = workerData as AnalysisWorkerData;
exposeWorkerMethods(data.role === 'decode' ? decodeThreadMethods : analysisWorkerMethods(data));
