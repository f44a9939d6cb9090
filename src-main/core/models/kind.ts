// Loop or one-shot, from the descriptors. A rule, not a learned model: a loop repeats a rhythmic
// figure, so it lasts several beats, has several onsets AND a clear periodic pulse. Sustained
// one-shots (cymbals, pads) also trigger onsets as they decay, but their onsets are not periodic.
// Thresholds measured on 2,478 training files + the unseen FluidR3/Hydrogen sets (scripts/train).
import type { Descriptors } from '../../../src-shared/sample.js';
import type { Kind } from '../../../src-shared/taxonomy.js';

export interface KindPrediction {
  kind: Kind;
  confidence: number;
}

/** Shortest loop we recognise: one bar at 200 bpm is 1.2 s. */
const MIN_LOOP_SECONDS = 1.2;
/** Onsets a loop has at least (a bar of quarter notes). */
const MIN_LOOP_ONSETS = 4;
/** Pulse clarity separating loops (5th percentile ≈ 0.30–0.35) from sustained one-shots (median ≈ 0.1). */
const MIN_LOOP_PULSE_CLARITY = 0.3;

export function predictKind(descriptors: Descriptors): KindPrediction {
  const duration = descriptors.duration ?? 0;
  const onsets = (descriptors.onset_rate ?? 0) * duration;
  const pulse = descriptors.pulse_clarity ?? 0;
  if (duration < MIN_LOOP_SECONDS) return { kind: 'one-shot', confidence: 0.99 };
  if (onsets < MIN_LOOP_ONSETS) return { kind: 'one-shot', confidence: 0.95 };
  // Confidence grows with the distance from the pulse threshold, saturating 0.3 away.
  const margin = Math.min(1, Math.abs(pulse - MIN_LOOP_PULSE_CLARITY) / 0.3);
  const confidence = 0.5 + 0.5 * margin;
  return pulse >= MIN_LOOP_PULSE_CLARITY ? { kind: 'loop', confidence } : { kind: 'one-shot', confidence };
}
