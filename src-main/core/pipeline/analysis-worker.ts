// Entry point of an analysis worker thread: loads the shipped models once, then analyses files.
import { workerData } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { exposeWorkerMethods } from './worker-host.js';
import { analyseBytes } from './analyse-bytes.js';
import { loadAnalysisResources } from './analysis-resources.js';
import type { AnalysedSample } from '../catalogue/records.js';

export interface AnalysisWorkerData {
  resourcesDir: string;
}

const resources = loadAnalysisResources((workerData as AnalysisWorkerData).resourcesDir);

export const analysisWorkerMethods = {
  /** Bytes already read by the caller (it hashed them), transferred, not copied. */
  analyseBytes: (bytes: Uint8Array, fileName: string): Promise<AnalysedSample> => analyseBytes(bytes, fileName, resources),
  analyseFile: async (path: string): Promise<AnalysedSample> => analyseBytes(new Uint8Array(await readFile(path)), basename(path), resources),
};

export type AnalysisWorkerMethods = typeof analysisWorkerMethods;

exposeWorkerMethods(analysisWorkerMethods);
