// The one contract between the core and its front doors (Electron IPC, HTTP, CLI) and the renderer.
// Declared once here; adapters derive transports from it (channels `library:<method>`).
import type { Category, Kind } from './taxonomy.js';
import type { SampleRecord, SearchHit } from './sample.js';

export interface LibraryStats {
  total_samples: number;
  genres: Record<string, number>;
  embedding_dimension: number;
  categories: Record<string, number>;
  kinds: Record<string, number>;
  failed: number;
  flagged: number;
  roots: string[];
  /** Where similarity searches run: the local index file, or a Chroma server's collection; vectors it holds. */
  store?: { kind: 'local' | 'chroma'; location: string; vectors: number };
}

export interface SampleQuery {
  text?: string;
  category?: Category;
  genre?: string;
  kind?: Kind;
  bpmMin?: number;
  bpmMax?: number;
  key?: string;
  flaggedOnly?: boolean;
  failedOnly?: boolean;
  favouritesOnly?: boolean;
  tag?: string;
  offset?: number;
  limit?: number;
  sort?: 'name' | 'path' | 'category' | 'duration' | 'bpm';
}

export interface SamplePage {
  total: number;
  items: SampleRecord[];
}

export type IndexPhase = 'scanning' | 'analysing' | 'finishing' | 'done';

export interface IndexProgress {
  phase: IndexPhase;
  /** Files found by the scan. */
  total: number;
  /** Files needing analysis in this run (new or changed). */
  toAnalyse: number;
  analysed: number;
  failed: number;
  unchanged: number;
  moved: number;
  removed: number;
  filesPerSec: number;
  etaSec: number | null;
  currentPath: string | null;
}

export interface IndexSummary extends IndexProgress {
  phase: 'done';
  elapsedSec: number;
  errors: { path: string; error: string }[];
}

export interface SimilarOptions {
  n?: number;
  category?: Category;
  kind?: Kind;
}

/** One sample on the 2-D sound map; coordinates run 0..1. */
export interface SoundMapPoint {
  id: number;
  x: number;
  y: number;
  category: Category | null;
  name: string;
}

export type Disposer = () => void;

/** Everything a front end can ask of a library. */
export interface LibraryApi {
  stats(): Promise<LibraryStats>;
  listSamples(query: SampleQuery): Promise<SamplePage>;
  getSample(id: number): Promise<SampleRecord | null>;
  /** Peak envelope (max |x| per bucket, 0..1) for drawing a thumbnail waveform. */
  getWaveform(id: number): Promise<number[]>;
  similarToSample(id: number, options?: SimilarOptions): Promise<SearchHit[]>;
  /** Find sounds like an audio file's bytes (a dropped or uploaded file). */
  similarToAudio(bytes: Uint8Array, fileName: string, options?: SimilarOptions): Promise<SearchHit[]>;
  indexFolders(folders: string[]): Promise<IndexSummary>;
  setTags(id: number, tags: string[]): Promise<SampleRecord>;
  setFavourite(id: number, favourite: boolean): Promise<SampleRecord>;
  /** A producer's genre for a sample (null hands it back to the model); the genre model retrains on it. */
  setGenre(id: number, genre: string | null): Promise<SampleRecord>;
  /** A producer's category correction (null hands it back to the model); it survives re-analysis. */
  setCategory(id: number, category: Category | null): Promise<SampleRecord>;
  /** The library laid out in 2-D by sound (UMAP of the embeddings); an even sample of very large libraries. */
  soundMap(): Promise<SoundMapPoint[]>;
  onIndexProgress(listener: (progress: IndexProgress) => void): Disposer;
}

/** The methods of LibraryApi that are plain request/response calls (events are separate). */
export const LIBRARY_METHODS = [
  'stats', 'listSamples', 'getSample', 'getWaveform', 'similarToSample', 'similarToAudio',
  'indexFolders', 'setTags', 'setFavourite', 'setGenre', 'setCategory', 'soundMap',
] as const satisfies readonly (keyof LibraryApi)[];
export type LibraryMethod = (typeof LIBRARY_METHODS)[number];

export function isLibraryMethod(name: string): name is LibraryMethod {
  return (LIBRARY_METHODS as readonly string[]).includes(name);
}
