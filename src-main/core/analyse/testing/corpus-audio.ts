// Test-only: real corpus files decoded to mono at the analysis rate. Decodes with audio-decode and
// the decode stage's committed resampler directly, so these tests do not depend on the decode
// stage's full entry point while it is being written in parallel.
// eslint-disable-next-line no-restricted-imports -- test helper run by vitest under Node, never bundled into the app
import { readFileSync } from 'node:fs';
import decode from 'audio-decode';
import { corpusEntries, type CorpusEntry } from '../../../../test/corpus.js';
import { resample } from '../../decode/resample.js';
import { TEST_RATE } from './signals.js';

/** The manifest's entries with their fields trimmed (its lines end in CRLF, which test/corpus.ts keeps). */
export function trimmedCorpusEntries(): CorpusEntry[] {
  return corpusEntries().map((entry) => ({
    path: entry.path.trim(),
    source: entry.source.trim(),
    category: entry.category.trim(),
    detail: entry.detail.trim(),
  }));
}

export function corpusEntry(detail: string): CorpusEntry {
  const entry = trimmedCorpusEntries().find((candidate) => candidate.detail === detail);
  if (!entry) throw new Error(`corpus has no entry with detail ${detail}`);
  return entry;
}

export async function decodeCorpusFile(path: string, sampleRate = TEST_RATE): Promise<Float32Array> {
  const audio = await decode(new Uint8Array(readFileSync(path)));
  const channels = audio.channelData;
  const mono = new Float32Array(channels[0].length);
  for (const channel of channels) for (let i = 0; i < mono.length; i++) mono[i] += channel[i] / channels.length;
  return audio.sampleRate === sampleRate ? mono : resample(mono, audio.sampleRate, sampleRate);
}
