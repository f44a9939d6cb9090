// A LibraryApi that records calls and lets a test push index progress, for the IPC tests.
import { vi } from 'vitest';
import type { IndexProgress, LibraryApi } from '../../src-shared/api.js';
import type { SampleRecord } from '../../src-shared/sample.js';

export function sampleRecord(id: number, path = `/samples/${id}.wav`): SampleRecord {
  return {
    id, path, name: path.split('/').pop() ?? path, sizeBytes: 1000, mtimeMs: 0, contentHash: 'hash', format: null,
    durationSec: 1, kind: 'one-shot', category: null, genre: null, bpm: null, key: null, note: null,
    anomaly: { flagged: false, score: null, reasons: [] }, tags: [], favourite: false, error: null, analysedAt: null,
  };
}

export const PROGRESS: IndexProgress = {
  phase: 'analysing', total: 10, toAnalyse: 10, analysed: 3, failed: 0, unchanged: 0, moved: 0, removed: 0,
  filesPerSec: 2, etaSec: 3.5, currentPath: '/samples/kick.wav',
};

export interface FakeLibrary extends LibraryApi {
  emitProgress(progress: IndexProgress): void;
  readonly progressListenerCount: number;
}

export function createFakeLibrary(): FakeLibrary {
  const listeners = new Set<(progress: IndexProgress) => void>();
  return {
    stats: vi.fn(async () => ({
      total_samples: 1, genres: {}, embedding_dimension: 64, categories: {}, kinds: {}, failed: 0, flagged: 0, roots: [],
    })),
    listSamples: vi.fn(async () => ({ total: 1, items: [sampleRecord(1)] })),
    getSample: vi.fn(async (id: number) => (id === 1 ? sampleRecord(1) : null)),
    getWaveform: vi.fn(async () => [0, 0.5, 1]),
    similarToSample: vi.fn(async () => [{ sample: sampleRecord(2), distance: 0.25 }]),
    similarToAudio: vi.fn(async () => []),
    indexFolders: vi.fn(async () => ({ ...PROGRESS, phase: 'done' as const, elapsedSec: 1, errors: [] })),
    setTags: vi.fn(async (id: number, tags: string[]) => ({ ...sampleRecord(id), tags })),
    setFavourite: vi.fn(async (id: number, favourite: boolean) => ({ ...sampleRecord(id), favourite })),
    setGenre: vi.fn(async (id: number, genre: string | null) => ({ ...sampleRecord(id), genre: genre ? { value: genre, source: 'user' as const, confidence: 1 } : null })),
    setCategory: vi.fn(async (id: number) => sampleRecord(id)),
    soundMap: vi.fn(async () => [{ id: 1, x: 0.5, y: 0.5, category: null, name: 'one.wav' }]),
    onIndexProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emitProgress: (progress) => listeners.forEach((listener) => listener(progress)),
    get progressListenerCount() {
      return listeners.size;
    },
  };
}
