// Loop or one-shot, from the descriptors. A rule, not a learned model: a loop repeats a rhythmic
// figure, so it is long enough for several beats AND has a steady pulse of onsets.
import type { Descriptors } from '../../../src-shared/sample.js';
import type { Kind } from '../../../src-shared/taxonomy.js';

export interface KindPrediction {
  kind: Kind;
  confidence: number;
}

/** Shortest loop we recognise: one bar at 180 bpm is 1.33 s. */
const MIN_LOOP_SECONDS = 1.2;
/** Onsets a loop has at least (a bar of quarter notes). */
const MIN_LOOP_ONSETS = 4;

export function predictKind(descriptors: Descriptors): KindPrediction {
  const duration = descriptors.duration ?? 0;
  const onsets = (descriptors.onset_rate ?? 0) * duration;
  const pulse = descriptors.pulse_clarity ?? 0;
  if (duration < MIN_LOOP_SECONDS || onsets < MIN_LOOP_ONSETS) {
    return { kind: 'one-shot', confidence: duration < MIN_LOOP_SECONDS ? 0.95 : 0.8 };
  }
  const loopLikeness = Math.min(1, 0.5 + pulse / 2);
  return loopLikeness >= 0.5 ? { kind: 'loop', confidence: loopLikeness } : { kind: 'one-shot', confidence: 1 - loopLikeness };
}
