// bpm, key and note as the taxonomy defines them, derived from the analysed descriptors.
import type { Descriptors } from '../../../src-shared/sample.js';
import { DRUM_CATEGORIES, type Category, type Kind } from '../../../src-shared/taxonomy.js';
import { frequencyToMidi, midiToNoteName } from '../../../src-shared/music.js';
import { keyName } from '../analyse/key.js';

/** Categories whose one-shots have a root note worth naming. */
const PITCHED: ReadonlySet<Category> = new Set(['bass', 'lead', 'pad', 'keys', 'guitar', 'strings', 'brass', 'wind', 'vocal']);
const MIN_F0_CONFIDENCE = 0.5;
/**
 * key_strength (profile correlation × √tonality) a loop needs before it gets a key. Drums must get
 * none: rendered drum loops of the tuning set score at most 0.49, but real corpus drum loops reach
 * 0.55 (sonic-pi loop_breakbeat) and 0.53 (lmms rave_kick01, a tuned kick), so the gate sits above
 * those. It costs the weakest tonal loops (6 of 216 on the tuning set score below 0.56) and two
 * lmms bass loops (briff01 0.54, rave_bass02 0.55); a harmonicity-based drum gate would not.
 */
export const MIN_KEY_STRENGTH = 0.57;

export interface MusicalFields {
  bpm: number | null;
  key: string | null;
  note: string | null;
}

export function musicalFields(descriptors: Descriptors, kind: Kind, category: Category | null): MusicalFields {
  const tempo = descriptors.tempo ?? 0;
  const bpm = kind === 'loop' && tempo > 0 ? Math.round(tempo * 10) / 10 : null;
  const f0 = descriptors.f0_hz ?? 0;
  const pitched = kind === 'one-shot' && (category === null || PITCHED.has(category));
  const note = pitched && f0 > 0 && (descriptors.f0_confidence ?? 0) >= MIN_F0_CONFIDENCE ? midiToNoteName(frequencyToMidi(f0)) : null;
  // A key is a property of a passage: one-shots (a note, a chord stab) and drums get none.
  const tonal = kind === 'loop' && (category === null || !DRUM_CATEGORIES.includes(category));
  const keyIndex = Math.round(descriptors.key_index ?? -1);
  const key = tonal && keyIndex >= 0 && keyIndex < 24 && (descriptors.key_strength ?? 0) >= MIN_KEY_STRENGTH ? keyName(keyIndex) : null;
  return { bpm, key, note };
}
