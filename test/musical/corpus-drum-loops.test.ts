// Real drum loops from the public corpus must get no key: a key on a breakbeat is noise that
// would mislead key-matching search. Rendered drum loops are easy (GM kits barely ring); these are
// the ones that failed before (loop_breakbeat read G# major, rave_kick01 D# minor).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src-main/core/analyse/index.js';
import { decodeAudio } from '../../src-main/core/decode/index.js';
import { musicalFields } from '../../src-main/core/models/musical-fields.js';
import { corpusEntries } from '../corpus.js';

/** Drum-only loops in the corpus: every lmms beat, and the sonic-pi breaks and percussion loops. */
const SONIC_PI_DRUM_LOOPS = new Set(['loop_amen', 'loop_amen_full', 'loop_breakbeat', 'loop_perc1', 'loop_perc2']);

describe('corpus drum loops', () => {
  it('get no key', async () => {
    const drumLoops = corpusEntries().filter((entry) => entry.category === 'loop' && (entry.source === 'lmms:beats' || SONIC_PI_DRUM_LOOPS.has(entry.detail)));
    expect(drumLoops.length).toBeGreaterThanOrEqual(15);
    const keyed: string[] = [];
    for (const entry of drumLoops) {
      const decoded = await decodeAudio(new Uint8Array(readFileSync(entry.path)), basename(entry.path));
      const { descriptors } = analyse(decoded.samples, decoded.sampleRate);
      // Category `loop`, as the category model labels them: the key gate itself must say none.
      const { key } = musicalFields(descriptors, 'loop', 'loop');
      if (key) keyed.push(`${entry.detail}: ${key} (${descriptors.key_strength.toFixed(2)})`);
    }
    expect(keyed).toEqual([]);
  }, 60_000);
});
