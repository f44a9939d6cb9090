// Musical key of tonal material from a harmonic pitch-class profile (HPCP-like) plus a bass
// profile, matched against 24 rotated key profiles. Pure and cheap: at most MAX_FRAMES long FFTs.
//
// Why not the STFT's chroma: its 1024-point frames have 21.5 Hz bins, wider than a semitone below
// ~370 Hz, so bass notes (the strongest tonic evidence in a loop) smear over several pitch classes.
// Here 8192-point frames (2.7 Hz bins) resolve semitones down to ~45 Hz. Spectral peaks, not bins,
// feed the profile (noise and drums spread over bins but give few stable peaks), each peak adding
// to its own pitch class and, with falling weight, to those of the fundamentals it could be a
// harmonic of (f/2, f/3, f/4) — so a note's 3rd harmonic (its fifth) counts towards its root.
//
// The chords alone cannot tell a major key from its relative minor (C–G–Am–F and Am–F–C–G hold the
// same notes); the bass can, since basslines dwell on the tonic. So the score adds the correlation
// of the bass profile (peaks below BASS_MAX_HZ, no harmonic spreading) with the key profile, and
// that of the opening bass: loops are cut to start at the top of their phrase, which usually sits
// on the tonic (on the FluidR3 set, 54 → 64 of 72 keys right; all its progressions start on the
// tonic, so that gain is an upper bound for real loops).
import { PITCH_CLASSES } from '../../../src-shared/music.js';
import { RealFft } from '../dsp/fft.js';
import { hannWindow } from '../dsp/window.js';

const FFT_SIZE = 8192;
const MAX_FRAMES = 48;
/** Too short for a key: a one-shot has a note or a chord, not a tonal centre. */
export const MIN_KEY_SECONDS = 1;
const MIN_HZ = 40;
const MAX_HZ = 5000;
const BASS_MAX_HZ = 220;
/** Peaks further below the frame's loudest than this (dB) are ignored. */
const PEAK_FLOOR_DB = 50;
const HARMONIC_WEIGHTS = [1, 0.6, 0.36, 0.22];
/** Weights of the bass and opening-bass correlations beside the full profile's (1). */
const BASS_WEIGHT = 0.7;
const OPENING_BASS_WEIGHT = 0.4;

/**
 * Temperley's (Kostka–Payne corpus) key profiles: how often each scale degree, from the tonic up,
 * sounds in major and minor keys. They rate the tonic triad above the other diatonic notes, which is
 * what separates a key from its neighbours on the circle of fifths. The minor profile comes from
 * classical harmonic minor (raised 7th 0.33, flat 7th 0.133); electronic music is mostly natural
 * minor, so those two are swapped towards the flat 7th (0.2 / 0.5), which on the FluidR3 test set
 * took minor-key loops with i–VII–VI progressions from their relative major back to minor.
 */
const MAJOR_PROFILE = [0.748, 0.06, 0.488, 0.082, 0.67, 0.46, 0.096, 0.715, 0.104, 0.366, 0.057, 0.4];
const MINOR_PROFILE = [0.712, 0.084, 0.474, 0.618, 0.049, 0.46, 0.105, 0.747, 0.404, 0.067, 0.5, 0.2];

export interface KeyEstimate {
  /** 0–11: C…B major, 12–23: C…B minor; 0 when there is no key (strength 0). */
  keyIndex: number;
  /** `C# minor`, or null when nothing tonal was found. */
  key: string | null;
  /** Correlation of the best key with the profiles, in [0, 1]; 0 for atonal sound. */
  strength: number;
}

export function keyName(keyIndex: number): string {
  return `${PITCH_CLASSES[keyIndex % 12]} ${keyIndex < 12 ? 'major' : 'minor'}`;
}

export interface PitchProfiles {
  /** Harmonic pitch-class profile of all peaks, C = 0. */
  chroma: Float64Array;
  /** Pitch-class profile of the peaks below BASS_MAX_HZ. */
  bass: Float64Array;
  /** The bass profile of the first frame alone: where a loop starts, usually on its tonic. */
  openingBass: Float64Array;
  /** Peak energy relative to all spectral energy in MIN_HZ..MAX_HZ, 0..1: ~0 for noise. */
  tonality: number;
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>, rotation: number): number {
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < 12; i++) {
    meanA += a[(i + rotation) % 12];
    meanB += b[i];
  }
  meanA /= 12;
  meanB /= 12;
  let cross = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < 12; i++) {
    const x = a[(i + rotation) % 12] - meanA;
    const y = b[i] - meanB;
    cross += x * y;
    varA += x * x;
    varB += y * y;
  }
  return varA > 0 && varB > 0 ? cross / Math.sqrt(varA * varB) : 0;
}

let fft: RealFft | null = null;

/** Pitch-class profiles of up to MAX_FRAMES long frames spread over the whole clip. */
export function pitchProfiles(samples: Float32Array, sampleRate: number): PitchProfiles {
  const chroma = new Float64Array(12);
  const bass = new Float64Array(12);
  const openingBass = new Float64Array(12);
  if (samples.length < FFT_SIZE) return { chroma, bass, openingBass, tonality: 0 };
  fft ??= new RealFft(FFT_SIZE);
  const window = hannWindow(FFT_SIZE);
  const binCount = FFT_SIZE / 2 + 1;
  const input = new Float64Array(FFT_SIZE);
  const re = new Float64Array(binCount);
  const im = new Float64Array(binCount);
  const power = new Float64Array(binCount);
  const binHz = sampleRate / FFT_SIZE;
  const firstBin = Math.max(2, Math.floor(MIN_HZ / binHz));
  const lastBin = Math.min(binCount - 2, Math.ceil(MAX_HZ / binHz));
  const frameCount = Math.min(MAX_FRAMES, 1 + Math.floor((samples.length - FFT_SIZE) / (FFT_SIZE / 2)));
  let peakEnergy = 0;
  let totalEnergy = 0;

  for (let f = 0; f < frameCount; f++) {
    const start = frameCount > 1 ? Math.round(((samples.length - FFT_SIZE) * f) / (frameCount - 1)) : 0;
    for (let i = 0; i < FFT_SIZE; i++) input[i] = samples[start + i] * window[i];
    fft.forward(input, re, im);
    let loudest = 0;
    for (let k = firstBin - 1; k <= lastBin + 1; k++) {
      power[k] = re[k] * re[k] + im[k] * im[k];
      if (k >= firstBin && k <= lastBin) {
        totalEnergy += power[k];
        if (power[k] > loudest) loudest = power[k];
      }
    }
    if (!(loudest > 0)) continue;
    const floor = loudest * 10 ** (-PEAK_FLOOR_DB / 10);
    for (let k = firstBin; k <= lastBin; k++) {
      const p = power[k];
      if (p < floor || p < power[k - 1] || p <= power[k + 1]) continue;
      // Parabolic interpolation on log power places the peak between bins.
      const left = Math.log(power[k - 1] + 1e-30);
      const centre = Math.log(p);
      const right = Math.log(power[k + 1] + 1e-30);
      const curvature = left - 2 * centre + right;
      const offset = curvature < 0 ? (0.5 * (left - right)) / curvature : 0;
      const hz = (k + offset) * binHz;
      // A peak spans the main lobe (~4 bins of a Hann window): count that energy as tonal.
      peakEnergy += p + power[k - 1] + power[k + 1];
      // Compressed magnitude, so one loud partial does not outvote the chord.
      const weight = Math.sqrt(Math.sqrt(p));
      for (let h = 0; h < HARMONIC_WEIGHTS.length; h++) {
        const fundamental = hz / (h + 1);
        if (fundamental < MIN_HZ) break;
        addPitch(chroma, fundamental, weight * HARMONIC_WEIGHTS[h]);
      }
      if (hz <= BASS_MAX_HZ) addPitch(f === 0 ? openingBass : bass, hz, weight);
    }
  }
  for (let i = 0; i < 12; i++) bass[i] += openingBass[i];
  return { chroma, bass, openingBass, tonality: totalEnergy > 0 ? Math.min(1, peakEnergy / totalEnergy) : 0 };
}

/** Adds `weight` to the pitch class of `hz`, less the further it lies from an equal-tempered pitch. */
function addPitch(profile: Float64Array, hz: number, weight: number): void {
  const midi = 69 + 12 * Math.log2(hz / 440);
  const nearest = Math.round(midi);
  const deviation = Math.abs(midi - nearest);
  // cos² taper: full weight on pitch, none half a semitone away (HPCP's weighting window).
  const taper = Math.cos(Math.PI * deviation) ** 2;
  profile[((nearest % 12) + 12) % 12] += weight * taper;
}

export function keyFromProfiles({ chroma, bass, openingBass, tonality }: PitchProfiles): KeyEstimate {
  let best = -Infinity;
  let bestIndex = 0;
  let chromaTotal = 0;
  for (let i = 0; i < 12; i++) chromaTotal += chroma[i];
  if (!(chromaTotal > 0)) return { keyIndex: 0, key: null, strength: 0 };
  let bassTotal = 0;
  let openingTotal = 0;
  for (let i = 0; i < 12; i++) {
    bassTotal += bass[i];
    openingTotal += openingBass[i];
  }
  for (let index = 0; index < 24; index++) {
    const profile = index < 12 ? MAJOR_PROFILE : MINOR_PROFILE;
    const tonic = index % 12;
    let score = pearson(chroma, profile, tonic);
    if (bassTotal > 0) score += BASS_WEIGHT * pearson(bass, profile, tonic);
    if (openingTotal > 0) score += OPENING_BASS_WEIGHT * pearson(openingBass, profile, tonic);
    if (score > best) {
      best = score;
      bestIndex = index;
    }
  }
  const correlation = pearson(chroma, bestIndex < 12 ? MAJOR_PROFILE : MINOR_PROFILE, bestIndex % 12);
  const strength = Math.max(0, correlation) * Math.sqrt(tonality);
  return { keyIndex: bestIndex, key: keyName(bestIndex), strength };
}

/** Key of `samples` (mono); strength 0 below MIN_KEY_SECONDS. */
export function estimateKey(samples: Float32Array, sampleRate: number): KeyEstimate {
  if (samples.length < MIN_KEY_SECONDS * sampleRate) return { keyIndex: 0, key: null, strength: 0 };
  return keyFromProfiles(pitchProfiles(samples, sampleRate));
}
