// A small in-memory LibraryApi for the server's tests: real files on disk for audio streaming,
// fake similarity (by id order), and the core's error codes for the same mistakes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Disposer, IndexProgress, IndexSummary, LibraryStats, SamplePage, SampleQuery, SimilarOptions, SoundMapPoint,
} from '../../../src-shared/api.js';
import { LibraryError } from '../../../src-shared/errors.js';
import type { SampleRecord, SearchHit } from '../../../src-shared/sample.js';
import type { Category } from '../../../src-shared/taxonomy.js';
import type { ServedLibrary } from '../routes.js';

/** Magic numbers of the containers the fake accepts as "audio". */
const AUDIO_MAGIC = ['RIFF', 'fLaC', 'OggS', 'FORM', 'ID3'];

export function fakeSample(id: number, path: string, overrides: Partial<SampleRecord> = {}): SampleRecord {
  return {
    id,
    path,
    name: path.split('/').pop() ?? path,
    sizeBytes: 0,
    mtimeMs: 0,
    contentHash: `hash${id}`,
    format: { container: 'wav', codec: 'pcm_s16', sampleRate: 44100, channels: 1, bitDepth: 16, durationSec: 0.5 },
    durationSec: 0.5,
    kind: 'one-shot',
    category: { value: id % 2 === 0 ? 'snare' : 'kick', source: 'model', confidence: 0.9 },
    genre: { value: 'techno', source: 'path', confidence: 1 },
    bpm: null,
    key: null,
    note: null,
    anomaly: { flagged: id === 3, score: id === 3 ? 0.9 : 0.1, reasons: id === 3 ? ['clipped'] : [] },
    tags: [],
    favourite: false,
    error: null,
    analysedAt: 1,
    ...overrides,
  };
}

export class FakeLibrary implements ServedLibrary {
  readonly dir = mkdtempSync(join(tmpdir(), 'sampledex-server-test-'));
  readonly samples = new Map<number, SampleRecord>();
  readonly calls: { method: string; args: unknown[] }[] = [];
  private readonly listeners = new Set<(progress: IndexProgress) => void>();

  constructor(count = 5) {
    for (let id = 1; id <= count; id++) {
      const path = join(this.dir, `sample-${id}.${id === 2 ? 'flac' : 'wav'}`);
      // Distinct bytes per file so range answers can be checked exactly.
      writeFileSync(path, Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7 + id) % 256)));
      this.samples.set(id, fakeSample(id, path, { sizeBytes: 1000 }));
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  emitProgress(progress: IndexProgress): void {
    for (const listener of this.listeners) listener(progress);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  audioFilePath(id: number): string | null {
    return this.samples.get(id)?.path ?? null;
  }

  async stats(): Promise<LibraryStats> {
    return {
      total_samples: this.samples.size,
      genres: { techno: this.samples.size },
      embedding_dimension: 64,
      categories: {},
      kinds: {},
      failed: 0,
      flagged: 1,
      roots: [this.dir],
    };
  }

  async listSamples(query: SampleQuery): Promise<SamplePage> {
    this.calls.push({ method: 'listSamples', args: [query] });
    let items = [...this.samples.values()];
    if (query.flaggedOnly) items = items.filter((s) => s.anomaly.flagged);
    if (query.category) items = items.filter((s) => s.category?.value === query.category);
    const offset = query.offset ?? 0;
    return { total: items.length, items: items.slice(offset, offset + (query.limit ?? 100)) };
  }

  async getSample(id: number): Promise<SampleRecord | null> {
    return this.samples.get(requireId(id)) ?? null;
  }

  async getWaveform(id: number): Promise<number[]> {
    if (!this.samples.has(requireId(id))) throw new LibraryError('not_found', `no sample with id ${id}`);
    return [0, 0.5, 1, 0.5, 0];
  }

  async similarToSample(id: number, options: SimilarOptions = {}): Promise<SearchHit[]> {
    if (!this.samples.has(requireId(id))) throw new LibraryError('not_found', `no sample with id ${id}`);
    return this.nearest(options.n ?? 10, id);
  }

  async similarToAudio(bytes: Uint8Array, fileName: string, options: SimilarOptions = {}): Promise<SearchHit[]> {
    this.calls.push({ method: 'similarToAudio', args: [bytes.byteLength, fileName, options] });
    const magic = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
    if (!AUDIO_MAGIC.some((m) => magic.startsWith(m))) throw new LibraryError('unsupported_audio', `${fileName} is not audio`);
    return this.nearest(options.n ?? 10, null);
  }

  async indexFolders(folders: string[]): Promise<IndexSummary> {
    if (!Array.isArray(folders) || folders.length === 0) throw new LibraryError('bad_request', 'indexFolders needs a list of folder paths');
    const progress: IndexProgress = {
      phase: 'analysing', total: 2, toAnalyse: 2, analysed: 1, failed: 0, unchanged: 0, moved: 0, removed: 0,
      filesPerSec: 10, etaSec: 0.1, currentPath: folders[0],
    };
    this.emitProgress(progress);
    return { ...progress, phase: 'done', analysed: 2, elapsedSec: 0.2, errors: [] };
  }

  async setTags(id: number, tags: string[]): Promise<SampleRecord> {
    const sample = this.samples.get(requireId(id));
    if (!sample) throw new LibraryError('not_found', `no sample with id ${id}`);
    sample.tags = [...tags];
    return sample;
  }

  async setFavourite(id: number, favourite: boolean): Promise<SampleRecord> {
    const sample = this.samples.get(requireId(id));
    if (!sample) throw new LibraryError('not_found', `no sample with id ${id}`);
    sample.favourite = favourite;
    return sample;
  }

  async setGenre(id: number, genre: string | null): Promise<SampleRecord> {
    const sample = this.samples.get(requireId(id));
    if (!sample) throw new LibraryError('not_found', `no sample with id ${id}`);
    sample.genre = genre ? { value: genre, source: 'user', confidence: 1 } : null;
    return sample;
  }

  async setCategory(id: number, category: Category | null): Promise<SampleRecord> {
    const sample = this.samples.get(requireId(id));
    if (!sample) throw new LibraryError('not_found', `no sample with id ${id}`);
    sample.category = category ? { value: category, source: 'user', confidence: 1 } : null;
    return sample;
  }

  async soundMap(): Promise<SoundMapPoint[]> {
    return [...this.samples.values()].map((s, i) => ({ id: s.id, x: (i + 1) / (this.samples.size + 1), y: 0.5, category: s.category?.value ?? null, name: s.name }));
  }

  onIndexProgress(listener: (progress: IndexProgress) => void): Disposer {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private nearest(n: number, excludeId: number | null): SearchHit[] {
    return [...this.samples.values()]
      .filter((s) => s.id !== excludeId)
      .slice(0, n)
      .map((sample, rank) => ({ sample, distance: rank / 10 }));
  }
}

function requireId(id: unknown): number {
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) throw new LibraryError('bad_request', `not a sample id: ${String(id)}`);
  return id;
}

/** A few bytes that the fake (and its magic check) treat as a WAV file. */
export const FAKE_WAV = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(60, 1)]);
