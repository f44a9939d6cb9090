// bpm, key and note as the taxonomy defines them, derived from the analysed descriptors.
import type { Descriptors } from '../../../src-shared/sample.js';
import type { Category, Kind } from '../../../src-shared/taxonomy.js';
import { frequencyToMidi, midiToNoteName } from '../../../src-shared/music.js';

/** Categories whose one-shots have a root note worth naming. */
const PITCHED: ReadonlySet<Category> = new Set(['bass', 'lead', 'pad', 'keys', 'guitar', 'strings', 'brass', 'wind', 'vocal']);
const MIN_F0_CONFIDENCE = 0.5;

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
  return { bpm, key: null, note };
}
