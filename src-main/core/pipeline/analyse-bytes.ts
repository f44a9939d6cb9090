// Stages decode → analyse → embed → per-file models for one file's bytes. Runs inside an analysis
// worker; pure apart from the resources handed in.
import { decodeAudio, DecodeError, type DecodedAudio } from '../decode/index.js';
import type { Decode } from './decode-thread.js';
import { analyse } from '../analyse/index.js';
import { embedFromMembers, embedMembers } from '../embed/index.js';
import { predictKind } from '../models/kind.js';
import { fileAnomalyReasons } from '../models/file-checks.js';
import { musicalFields } from '../models/musical-fields.js';
import type { AnalysedSample, DecodeFacts, DerivedFields } from '../catalogue/records.js';
import type { Descriptors } from '../../../src-shared/sample.js';
import type { AnalysisResources } from './analysis-resources.js';

export class AnalysisFailure extends Error {}

export async function analyseBytes(
  bytes: Uint8Array,
  fileName: string,
  resources: AnalysisResources,
  /** decodeAudio, or one that hands some formats to another thread (decode-thread.ts). */
  decode: Decode = decodeAudio,
): Promise<AnalysedSample> {
  let decoded: DecodedAudio;
  try {
    decoded = await decode(bytes, fileName);
  } catch (error) {
    if (error instanceof DecodeError) throw new AnalysisFailure(error.message);
    throw new AnalysisFailure(`could not decode: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { descriptors, audioHash, waveform } = analyse(decoded.samples, decoded.sampleRate, resources.timbreNet);
  const { partial, windowed, sourcePeak, clippedFraction, dcOffset, nonFiniteSamples } = decoded;
  const decodeFacts: DecodeFacts = { partial, windowed, sourcePeak, clippedFraction, dcOffset, nonFiniteSamples };
  const durationSec = decoded.format.durationSec;
  return {
    audioHash,
    format: decoded.format,
    durationSec,
    descriptors,
    waveform,
    decode: decodeFacts,
    ...deriveFields(descriptors, decodeFacts, durationSec, resources),
  };
}

/** The stage after analysis: embedding, labels and file checks, from descriptors and decode facts alone. */
export function deriveFields(descriptors: Descriptors, decode: DecodeFacts, durationSec: number, resources: AnalysisResources): DerivedFields {
  const kind = predictKind(descriptors);
  const members = embedMembers(descriptors, resources.embeddingModel);
  const { categoryModel } = resources;
  const category = categoryModel ? (categoryModel.embedding === resources.embeddingModel ? categoryModel.predict(descriptors, members) : categoryModel.predict(descriptors)) : null;
  return {
    embedding: embedFromMembers(members, resources.embeddingModel),
    kind: { value: kind.kind, confidence: kind.confidence },
    category: category ? { value: category.category, confidence: category.confidence } : null,
    ...musicalFields(descriptors, kind.kind, category?.category ?? null),
    anomalyReasons: fileAnomalyReasons({ decode, durationSec }),
  };
}
