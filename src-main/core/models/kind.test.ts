import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Descriptors } from '../../../src-shared/sample.js';
import { corpusEntries } from '../../../test/corpus.js';
import { analyse } from '../analyse/index.js';
import { decodeAudio } from '../decode/index.js';
import { predictKind } from './kind.js';

const loops: Descriptors[] = [];
const oneShots: Descriptors[] = [];

beforeAll(async () => {
  for (const entry of corpusEntries()) {
    try {
      const decoded = await decodeAudio(new Uint8Array(readFileSync(entry.path)), basename(entry.path));
      (entry.category === 'loop' ? loops : oneShots).push(analyse(decoded.samples, decoded.sampleRate).descriptors);
    } catch {
      // undecodable files are the decoder's test's business
    }
  }
});

describe('predictKind on the public corpus', () => {
  it('separates loops from one-shots', () => {
    expect(loops.length).toBeGreaterThan(30);
    const loopsFound = loops.filter((d) => predictKind(d).kind === 'loop').length / loops.length;
    const oneShotsKept = oneShots.filter((d) => predictKind(d).kind === 'one-shot').length / oneShots.length;
    // Over training packs + corpus the rule is right on 94% of files (143/151 loops found); see `npm run train`.
    expect(loopsFound).toBeGreaterThan(0.85);
    expect(oneShotsKept).toBeGreaterThan(0.9);
  });

  it('calls a short hit a one-shot with high confidence', () => {
    const prediction = predictKind({ duration: 0.3, onset_rate: 3, pulse_clarity: 0.2 });
    expect(prediction).toEqual({ kind: 'one-shot', confidence: expect.any(Number) });
    expect(prediction.confidence).toBeGreaterThan(0.8);
  });
});
