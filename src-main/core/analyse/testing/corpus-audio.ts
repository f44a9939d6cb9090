// Test-only: real corpus files decoded to mono at the analysis rate, through the decode stage.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { corpusEntries, type CorpusEntry } from '../../../../test/corpus.js';
import { decodeAudio } from '../../decode/index.js';
import { TEST_RATE } from './signals.js';

export function corpusEntry(detail: string): CorpusEntry {
  const entry = corpusEntries().find((candidate) => candidate.detail === detail);
  if (!entry) throw new Error(`corpus has no entry with detail ${detail}`);
  return entry;
}

export async function decodeCorpusFile(path: string, sampleRate = TEST_RATE): Promise<Float32Array> {
  return (await decodeAudio(new Uint8Array(readFileSync(path)), basename(path), { targetRate: sampleRate })).samples;
}
