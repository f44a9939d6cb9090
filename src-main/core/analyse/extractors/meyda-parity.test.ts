// Our extractors against Meyda's on the same frames. Meyda is imported here only, as the
// reference. We hand Meyda our already-windowed frame with windowing 'rect', so both read the
// same spectrum. Documented differences:
// - Meyda's amplitude spectrum has N/2 bins (drops Nyquist); ours has N/2 + 1. That bin alone moves
//   flatness by up to ~0.015 (a near-empty Nyquist bin in a resampled file drags the geometric mean)
//   and chroma of white noise by ~0.01, hence those tolerances.
// - spectralCentroid / spectralSpread: Meyda in bins, ours in Hz (× sr/N).
// - spectralRolloff: Meyda fixes 0.99 and scales bins by sr/(2(N/2 − 1)); ours defaults to 0.85.
// - rms, zcr: ours on the un-windowed frame (librosa), zcr as a rate (count / N).
// - mfcc: Meyda = DCT×2 (unnormalised) of ln(mel + 1); ours = orthonormal DCT of 10·log10(mel).
//   The filterbank is the same, checked by rebuilding Meyda's numbers from our mel powers.
import Meyda from 'meyda';
import { describe, expect, it } from 'vitest';
import { spectralFrameFor } from '../stft.js';
import { decodeCorpusFile, corpusEntry } from '../testing/corpus-audio.js';
import { saw, sine, TEST_RATE, whiteNoise } from '../testing/signals.js';
import { CHROMA_COUNT, MEL_BAND_COUNT, MFCC_COUNT, type SpectralFrame } from '../spectral-frame.js';
import chroma from './chroma.js';
import mfcc from './mfcc.js';
import rms from './rms.js';
import spectralBandwidth from './spectralBandwidth.js';
import spectralCentroid from './spectralCentroid.js';
import spectralFlatness from './spectralFlatness.js';
import { rolloffFrequency } from './spectralRolloff.js';
import zcr from './zcr.js';

const N = 1024;
Meyda.bufferSize = N;
Meyda.sampleRate = TEST_RATE;
Meyda.windowingFunction = 'rect';
Meyda.melBands = MEL_BAND_COUNT;
Meyda.numberOfMFCCCoefficients = MFCC_COUNT;

interface MeydaFeatures {
  spectralCentroid: number;
  spectralSpread: number;
  spectralFlatness: number;
  spectralRolloff: number;
  mfcc: number[];
  chroma: number[];
  rms: number;
  zcr: number;
}

function meydaOn(samples: Float64Array, features: (keyof MeydaFeatures)[]): MeydaFeatures {
  return Meyda.extract(features, Float32Array.from(samples)) as unknown as MeydaFeatures;
}

async function testFrames(): Promise<{ name: string; frame: SpectralFrame }[]> {
  const frames = [
    { name: 'sine 440', signal: sine(440, 0.1) },
    { name: 'saw 110', signal: saw(110, 0.1) },
    { name: 'noise', signal: whiteNoise(N) },
  ].map(({ name, signal }) => ({ name, frame: spectralFrameFor(signal, TEST_RATE) }));
  for (const detail of ['loop_amen', 'bass_voxy_c', 'drum_snare_hard']) {
    const audio = await decodeCorpusFile(corpusEntry(detail).path);
    frames.push({ name: detail, frame: spectralFrameFor(audio.subarray(2048, 2048 + N), TEST_RATE) });
  }
  return frames;
}

const relative = (ours: number, theirs: number): number => Math.abs(ours - theirs) / Math.max(1e-12, Math.abs(theirs));

describe('extractors agree with Meyda on the same frames', async () => {
  const frames = await testFrames();

  it.each(frames)('spectral centroid, spread, flatness on $name', ({ frame }) => {
    const theirs = meydaOn(frame.windowed, ['spectralCentroid', 'spectralSpread', 'spectralFlatness']);
    const binHz = TEST_RATE / N;
    expect(relative(spectralCentroid(frame), theirs.spectralCentroid * binHz)).toBeLessThan(0.005);
    expect(relative(spectralBandwidth(frame), theirs.spectralSpread * binHz)).toBeLessThan(0.005);
    expect(Math.abs(spectralFlatness(frame) - theirs.spectralFlatness)).toBeLessThan(0.02);
  });

  it.each(frames)('spectral rolloff at 0.99 on $name', ({ frame }) => {
    const theirs = meydaOn(frame.windowed, ['spectralRolloff']);
    const theirBin = theirs.spectralRolloff / (TEST_RATE / (2 * (N / 2 - 1)));
    expect(Math.abs(rolloffFrequency(frame, 0.99) / (TEST_RATE / N) - theirBin)).toBeLessThanOrEqual(2);
  });

  it.each(frames)('chroma on $name', ({ frame }) => {
    const theirs = meydaOn(frame.windowed, ['chroma']).chroma;
    const ours = new Float64Array(CHROMA_COUNT);
    chroma(frame, ours);
    for (let c = 0; c < CHROMA_COUNT; c++) expect(Math.abs(ours[c] - theirs[c])).toBeLessThan(0.015);
  });

  it.each(frames)('rms and zcr (un-windowed frame) on $name', ({ frame }) => {
    const theirs = meydaOn(frame.signal, ['rms', 'zcr']);
    expect(rms(frame)).toBeCloseTo(theirs.rms, 6);
    expect(zcr(frame) * N).toBe(theirs.zcr);
  });

  it.each(frames)('mfcc: same filterbank and DCT, different log and scale, on $name', ({ frame }) => {
    const theirs = meydaOn(frame.windowed, ['mfcc']).mfcc;
    // Meyda's coefficients rebuilt from our mel powers: ln(mel + 1), DCT-II × 2.
    const logged = [...frame.melPower].map((power) => Math.log(power + 1));
    for (let k = 0; k < MFCC_COUNT; k++) {
      let sum = 0;
      for (let n = 0; n < MEL_BAND_COUNT; n++) sum += logged[n] * Math.cos((Math.PI / MEL_BAND_COUNT) * (n + 0.5) * k);
      expect(relative(2 * sum, theirs[k]) < 1e-3 || Math.abs(2 * sum - theirs[k]) < 1e-2).toBe(true);
    }
    // Ours: orthonormal DCT of the dB bands.
    const ours = new Float64Array(MFCC_COUNT);
    mfcc(frame, ours);
    const melDb = [...frame.melDb];
    const scale = (k: number): number => Math.sqrt((k === 0 ? 1 : 2) / MEL_BAND_COUNT);
    for (let k = 0; k < MFCC_COUNT; k++) {
      const expected = scale(k) * melDb.reduce((sum, db, n) => sum + db * Math.cos((Math.PI / MEL_BAND_COUNT) * (n + 0.5) * k), 0);
      expect(ours[k]).toBeCloseTo(expected, 9);
    }
  });
});
