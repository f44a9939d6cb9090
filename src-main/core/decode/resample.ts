// Band-limited sample-rate conversion: a Kaiser-windowed sinc low-pass evaluated as a polyphase
// filter. Every file is converted to the analysis rate, so the table for each rate pair is built
// once and cached, and the inner loop allocates nothing.

/** Stop-band attenuation the filter is designed for; aliases end up below -80 dB. */
const STOPBAND_DB = 80;
/** Pass band ends at this fraction of the lower Nyquist frequency; the stop band starts at Nyquist. */
const PASSBAND_FRACTION = 0.85;
/**
 * Exact polyphase needs one table row per phase (dst / gcd). Odd rate pairs (e.g. 44056 → 22050)
 * would need thousands; beyond this the phase is rounded to the nearest of this many rows, a
 * timing error under 1/8192 of an input sample (about -75 dB at 10 kHz).
 */
const MAX_PHASES = 4096;
/** Rate pairs kept in the table cache; a library rarely holds more than a handful of rates. */
const CACHE_LIMIT = 16;

interface PolyphaseFilter {
  /** Rows of `taps` coefficients, one per phase, laid out flat. */
  table: Float32Array;
  taps: number;
  phases: number;
  /** Index of the first input sample of a row, relative to floor(output time). */
  firstTapOffset: number;
  /** Output step in input samples, as an integer part plus a fraction `stepNumerator / stepDenominator`. */
  stepWhole: number;
  stepNumerator: number;
  stepDenominator: number;
  /**
   * For an integer ratio (one phase, e.g. 44100 → 22050) the single row is symmetric about tap
   * `halfWidth - 1` (its last tap is exactly 0): the inner loop can add mirrored inputs first and
   * multiply once per pair, halving the multiplies of the hottest loop in decoding.
   */
  symmetric: boolean;
  halfWidth: number;
}

const filterCache = new Map<string, PolyphaseFilter>();

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Zeroth-order modified Bessel function of the first kind (series), for the Kaiser window. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterXSquared = (x * x) / 4;
  for (let k = 1; k < 64; k++) {
    term *= quarterXSquared / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

function buildFilter(sourceRate: number, targetRate: number): PolyphaseFilter {
  const divisor = greatestCommonDivisor(sourceRate, targetRate);
  const upFactor = targetRate / divisor; // output samples per `downFactor` input samples
  const downFactor = sourceRate / divisor;
  const phases = Math.min(upFactor, MAX_PHASES);

  // Design in units of input samples. `scale` < 1 when downsampling: the filter widens by 1/scale.
  const scale = Math.min(1, targetRate / sourceRate);
  const transitionWidth = 0.5 * (1 - PASSBAND_FRACTION) * scale; // cycles per input sample
  const cutoff = 0.5 * scale - transitionWidth / 2; // centre of the transition band
  const halfWidth = Math.ceil((STOPBAND_DB - 7.95) / (14.36 * transitionWidth) / 2);
  const taps = 2 * halfWidth;
  const beta = kaiserBeta(STOPBAND_DB);
  const betaNorm = besselI0(beta);

  const table = new Float32Array(phases * taps);
  for (let phase = 0; phase < phases; phase++) {
    const fraction = phase / phases; // output time minus floor(output time), in input samples
    let rowSum = 0;
    for (let tap = 0; tap < taps; tap++) {
      const offset = tap - halfWidth + 1 - fraction; // input sample time minus output time
      const windowPosition = offset / halfWidth;
      const window = Math.abs(windowPosition) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - windowPosition * windowPosition)) / betaNorm;
      const argument = 2 * cutoff * offset;
      const sinc = argument === 0 ? 1 : Math.sin(Math.PI * argument) / (Math.PI * argument);
      const coefficient = 2 * cutoff * sinc * window;
      table[phase * taps + tap] = coefficient;
      rowSum += coefficient;
    }
    // Unit DC gain in every phase, so a constant stays exactly constant.
    for (let tap = 0; tap < taps; tap++) table[phase * taps + tap] /= rowSum;
  }
  return {
    table,
    taps,
    phases,
    firstTapOffset: 1 - halfWidth,
    stepWhole: Math.floor(downFactor / upFactor),
    stepNumerator: downFactor % upFactor,
    stepDenominator: upFactor,
    symmetric: phases === 1 && isSymmetricRow(table, halfWidth),
    halfWidth,
  };
}

/** Phase 0's row: tap c - k equals tap c + k (c = halfWidth - 1) and the last tap is 0. */
function isSymmetricRow(table: Float32Array, halfWidth: number): boolean {
  const centre = halfWidth - 1;
  if (table[2 * halfWidth - 1] !== 0) return false;
  for (let k = 1; k < halfWidth; k++) if (table[centre - k] !== table[centre + k]) return false;
  return true;
}

function filterFor(sourceRate: number, targetRate: number): PolyphaseFilter {
  const key = `${sourceRate}:${targetRate}`;
  let filter = filterCache.get(key);
  if (!filter) {
    filter = buildFilter(sourceRate, targetRate);
    if (filterCache.size >= CACHE_LIMIT) {
      const oldest = filterCache.keys().next().value;
      if (oldest !== undefined) filterCache.delete(oldest);
    }
    filterCache.set(key, filter);
  }
  return filter;
}

/** Number of output samples for `inputLength` samples: round(n · dst / src). */
export function resampledLength(inputLength: number, sourceRate: number, targetRate: number): number {
  return Math.round((inputLength * targetRate) / sourceRate);
}

/**
 * Converts `samples` from `sourceRate` to `targetRate` (positive integers, Hz). Output sample k
 * sits at input time k · src / dst, so the first samples line up; samples outside the input count
 * as silence. Returns `samples` itself when the rates are equal.
 */
export function resample(samples: Float32Array, sourceRate: number, targetRate: number): Float32Array {
  if (!Number.isInteger(sourceRate) || !Number.isInteger(targetRate) || sourceRate <= 0 || targetRate <= 0) {
    throw new RangeError(`resample needs positive integer rates, got ${sourceRate} → ${targetRate}`);
  }
  if (sourceRate === targetRate) return samples;
  const filter = filterFor(sourceRate, targetRate);
  const { table, taps, phases, firstTapOffset, stepWhole, stepNumerator, stepDenominator } = filter;
  const inputLength = samples.length;
  const outputLength = resampledLength(inputLength, sourceRate, targetRate);
  const output = new Float32Array(outputLength);
  if (filter.symmetric) return decimateSymmetric(samples, filter, output);
  const exactPhases = phases === stepDenominator;

  let whole = 0; // floor(output time) in input samples
  let numerator = 0; // output time fraction = numerator / stepDenominator
  for (let k = 0; k < outputLength; k++) {
    let phase = exactPhases ? numerator : Math.round((numerator * phases) / stepDenominator);
    let start = whole + firstTapOffset;
    if (phase === phases) {
      phase = 0;
      start += 1;
    }
    const row = phase * taps;
    const firstTap = start < 0 ? -start : 0;
    const endTap = Math.min(taps, inputLength - start);
    // Four independent sums let the CPU overlap the multiply-adds (about a third faster in V8).
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    let tap = firstTap;
    for (; tap + 3 < endTap; tap += 4) {
      const input = start + tap;
      const coefficient = row + tap;
      sum0 += samples[input] * table[coefficient];
      sum1 += samples[input + 1] * table[coefficient + 1];
      sum2 += samples[input + 2] * table[coefficient + 2];
      sum3 += samples[input + 3] * table[coefficient + 3];
    }
    for (; tap < endTap; tap++) sum0 += samples[start + tap] * table[row + tap];
    output[k] = sum0 + sum1 + sum2 + sum3;

    whole += stepWhole;
    numerator += stepNumerator;
    if (numerator >= stepDenominator) {
      numerator -= stepDenominator;
      whole += 1;
    }
  }
  return output;
}

/**
 * resample() for an integer ratio with a symmetric row: output k is centred on input k · step.
 * Outputs whose kernel reaches past either end of the input take the general per-tap loop (zero
 * outside the input); the rest fold mirrored taps. Same coefficients, same result up to rounding.
 */
function decimateSymmetric(samples: Float32Array, filter: PolyphaseFilter, output: Float32Array): Float32Array {
  const { table, stepWhole: step, halfWidth } = filter;
  const inputLength = samples.length;
  const reach = halfWidth - 1; // taps on each side of the centre with a non-zero coefficient
  const centreCoefficient = table[reach];
  for (let k = 0; k < output.length; k++) {
    const centre = k * step;
    if (centre - reach < 0 || centre + reach >= inputLength) {
      let sum = 0;
      for (let offset = -reach; offset <= reach; offset++) {
        const input = centre + offset;
        if (input >= 0 && input < inputLength) sum += samples[input] * table[reach + offset];
      }
      output[k] = sum;
      continue;
    }
    // Two independent sums let the CPU overlap the multiply-adds.
    let sum0 = centreCoefficient * samples[centre];
    let sum1 = 0;
    let offset = 1;
    for (; offset + 1 <= reach; offset += 2) {
      sum0 += table[reach + offset] * (samples[centre - offset] + samples[centre + offset]);
      sum1 += table[reach + offset + 1] * (samples[centre - offset - 1] + samples[centre + offset + 1]);
    }
    for (; offset <= reach; offset++) sum0 += table[reach + offset] * (samples[centre - offset] + samples[centre + offset]);
    output[k] = sum0 + sum1;
  }
  return output;
}
