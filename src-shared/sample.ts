// What the library knows about one file: the shape the API, the export and the UI share.
import type { Category, Kind } from './taxonomy.js';

/** Named numeric descriptors of a sample (e.g. `mfcc_mean_3`, `attack_time`). Stored, never thrown away. */
export type Descriptors = Record<string, number>;

/** Facts about the file's encoding, read while decoding. */
export interface FormatFacts {
  /** Container actually found in the bytes (may differ from the extension). */
  container: 'wav' | 'aiff' | 'flac' | 'mp3' | 'ogg';
  /** Codec/sample encoding, e.g. `pcm_s16`, `float32`, `vorbis`, `mp3`. */
  codec: string;
  sampleRate: number;
  channels: number;
  /** Bits per sample where the format has one (PCM, FLAC); null for lossy codecs. */
  bitDepth: number | null;
  /** Duration of the whole file in seconds (also when only a window was analysed). */
  durationSec: number;
}

export interface AnomalyInfo {
  flagged: boolean;
  /** Isolation-forest style score in [0, 1]; higher is stranger. Null until the model has run. */
  score: number | null;
  /** Reasons a producer understands: `silent`, `clipped`, `dc offset`, `very long`, `corrupt`, `duplicate`, `outlier`... */
  reasons: string[];
}

/** A label with where it came from, so the UI can mark predictions as such. */
export interface Prediction<T extends string> {
  value: T;
  /** `model`: predicted from audio; `user`: set by hand; `path`: read from folder/file names. */
  source: 'model' | 'user' | 'path';
  confidence: number;
}

export interface SampleRecord {
  id: number;
  /** Absolute path as scanned. */
  path: string;
  name: string;
  sizeBytes: number;
  mtimeMs: number;
  /** Hash of the file's bytes: recognises moved and renamed files. */
  contentHash: string;
  format: FormatFacts | null;
  durationSec: number | null;
  kind: Kind | null;
  category: Prediction<Category> | null;
  genre: Prediction<string> | null;
  bpm: number | null;
  key: string | null;
  note: string | null;
  anomaly: AnomalyInfo;
  tags: string[];
  favourite: boolean;
  /** Why the file could not be analysed; null when it was. */
  error: string | null;
  analysedAt: number | null;
}

/** One line of `sampledex export`: the flat, documented interchange shape. */
export interface ExportLine {
  path: string;
  embedding: number[] | null;
  kind: Kind | null;
  category: Category | null;
  /** What the file's name, or its folder's, says it is (category-words.ts): a second signal, not the model's. */
  nameCategory: Category | null;
  genre: string | null;
  bpm: number | null;
  key: string | null;
  note: string | null;
  durationSec: number | null;
  anomaly: AnomalyInfo;
  error: string | null;
  format: FormatFacts | null;
  tags: string[];
  descriptors: Descriptors | null;
}

/** A record's labels as plain values: the shape export lines and search results share. */
export function plainLabels(sample: SampleRecord): Pick<ExportLine, 'kind' | 'category' | 'genre' | 'bpm' | 'key' | 'note' | 'durationSec'> {
  return {
    category: sample.category?.value ?? null,
    genre: sample.genre?.value ?? null,
    kind: sample.kind,
    bpm: sample.bpm,
    key: sample.key,
    note: sample.note,
    durationSec: sample.durationSec,
  };
}

export interface SearchHit {
  sample: SampleRecord;
  /** Cosine distance in embedding space (0 = identical). */
  distance: number;
}
