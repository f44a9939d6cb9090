// Explicit checks on one file that give anomaly reasons a producer understands. The isolation
// forest (odd ones out) and duplicate detection look across the library and run later.
import type { DecodeFacts } from '../catalogue/records.js';

/** Peak below this is inaudible at any sensible gain. */
const SILENT_PEAK_DB = -60;
/** More than 0.1% of samples in flat-topped runs means audible clipping. */
const CLIPPED_FRACTION = 0.001;
/** A mean above 2% of full scale wastes headroom and clicks at the start and end. */
const DC_OFFSET = 0.02;
/** Longer than 5 minutes is unusual for a sample (a whole track or a recording session). */
const VERY_LONG_SEC = 300;

export interface FileCheckInput {
  decode: DecodeFacts;
  durationSec: number;
}

export function fileAnomalyReasons({ decode, durationSec }: FileCheckInput): string[] {
  const reasons: string[] = [];
  const peakDb = decode.sourcePeak > 0 ? 20 * Math.log10(decode.sourcePeak) : -Infinity;
  if (peakDb < SILENT_PEAK_DB) reasons.push('silent');
  if (decode.clippedFraction > CLIPPED_FRACTION) reasons.push('clipped');
  if (Math.abs(decode.dcOffset) > DC_OFFSET) reasons.push('dc offset');
  if (durationSec > VERY_LONG_SEC) reasons.push('very long');
  if (decode.partial !== null || decode.nonFiniteSamples > 0) reasons.push('corrupt');
  return reasons;
}
