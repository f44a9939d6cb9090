// What the analysis stages hand to the catalogue for one file.
import type { Descriptors, FormatFacts } from '../../../src-shared/sample.js';
import type { Category, Kind } from '../../../src-shared/taxonomy.js';
import type { DecodedAudio } from '../decode/index.js';

/** What decoding learnt about the file's signal, kept for the anomaly checks. */
export type DecodeFacts = Pick<DecodedAudio, 'partial' | 'windowed' | 'sourcePeak' | 'clippedFraction' | 'dcOffset' | 'nonFiniteSamples'>;

export interface LabelGuess<T extends string> {
  value: T;
  confidence: number;
}

/**
 * Everything the shipped models and estimators derive from a file's stored descriptors and decode
 * facts: recomputed without decoding when the models change (pipeline/refresh-model-outputs.ts).
 */
export interface DerivedFields {
  embedding: Float32Array;
  kind: LabelGuess<Kind> | null;
  category: LabelGuess<Category> | null;
  bpm: number | null;
  key: string | null;
  note: string | null;
  /** Reasons from explicit checks on this file alone (silent, clipped, corrupt...). */
  anomalyReasons: string[];
}

export interface AnalysedSample extends DerivedFields {
  audioHash: string;
  format: FormatFacts;
  durationSec: number;
  descriptors: Descriptors;
  waveform: number[];
  decode: DecodeFacts;
}

/** A file as the pipeline sees it before analysis. */
export interface FileIdentity {
  path: string;
  sizeBytes: number;
  mtimeMs: number;
  contentHash: string;
}
