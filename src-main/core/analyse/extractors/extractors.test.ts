// One known-answer check per extractor on synthetic frames (Meyda's tests do the same).
import { describe, expect, it } from 'vitest';
import { spectralFrameFor } from '../stft.js';
import { sine, TEST_RATE, whiteNoise } from '../testing/signals.js';
import { CHROMA_COUNT, CONTRAST_BAND_COUNT, MEL_BAND_COUNT, MFCC_COUNT, type SpectralFrame } from '../spectral-frame.js';
import chroma from './chroma.js';
import logMel from './logMel.js';
import mfcc from './mfcc.js';
import onsetStrength from './onsetStrength.js';
import rms from './rms.js';
import spectralBandwidth from './spectralBandwidth.js';
import spectralCentroid from './spectralCentroid.js';
import spectralContrast from './spectralContrast.js';
import spectralFlatness from './spectralFlatness.js';
import spectralFlux from './spectralFlux.js';
import spectralRolloff from './spectralRolloff.js';
import zcr from './zcr.js';

const FRAME = 1024;
const binHz = TEST_RATE / FRAME;
const sineFrame = (hz: number, amplitude = 0.5): SpectralFrame => spectralFrameFor(sine(hz, FRAME / TEST_RATE + 0.01, amplitude), TEST_RATE);
const silence = (): SpectralFrame => spectralFrameFor(new Float32Array(FRAME), TEST_RATE);
const noise = (seed = 7): SpectralFrame => spectralFrameFor(whiteNoise(FRAME, 0.5, seed), TEST_RATE);
const vector = (extract: (frame: SpectralFrame, out: Float64Array) => void, frame: SpectralFrame, size: number): number[] => {
  const out = new Float64Array(size);
  extract(frame, out);
  return [...out];
};

describe('spectralCentroid', () => {
  it('sits at the frequency of a sine', () => {
    expect(spectralCentroid(sineFrame(1000))).toBeCloseTo(1000, -1.5);
    expect(Math.abs(spectralCentroid(sineFrame(3000)) - 3000)).toBeLessThan(binHz);
  });
  it('is near Nyquist/2 for white noise and 0 for silence', () => {
    expect(spectralCentroid(noise()) / (TEST_RATE / 4)).toBeGreaterThan(0.9);
    expect(spectralCentroid(noise()) / (TEST_RATE / 4)).toBeLessThan(1.1);
    expect(spectralCentroid(silence())).toBe(0);
  });
});

describe('spectralBandwidth', () => {
  it('is narrow for a sine, wide for noise, 0 for silence', () => {
    expect(spectralBandwidth(sineFrame(1000))).toBeLessThan(4 * binHz);
    // Uniform spread over 0..Nyquist has standard deviation Nyquist/√12.
    expect(spectralBandwidth(noise()) / (TEST_RATE / 2 / Math.sqrt(12))).toBeCloseTo(1, 1);
    expect(spectralBandwidth(silence())).toBe(0);
  });
});

describe('spectralRolloff', () => {
  it('is at the sine for a sine, at ~85% of Nyquist for noise, 0 for silence', () => {
    expect(Math.abs(spectralRolloff(sineFrame(2000)) - 2000)).toBeLessThan(2 * binHz);
    expect(spectralRolloff(noise()) / (TEST_RATE / 2)).toBeCloseTo(0.85, 1);
    expect(spectralRolloff(silence())).toBe(0);
  });
});

describe('spectralFlatness', () => {
  it('is ~0.85 for white noise (Rayleigh bins), near 0 for a sine, 0 for silence', () => {
    expect(spectralFlatness(noise())).toBeGreaterThan(0.8);
    expect(spectralFlatness(noise())).toBeLessThanOrEqual(1);
    expect(spectralFlatness(sineFrame(1000))).toBeLessThan(0.05);
    expect(spectralFlatness(silence())).toBe(0);
  });
});

describe('spectralFlux', () => {
  it('is 0 for an unchanged spectrum and for silence, ~1 for a new spectrum from silence', () => {
    const frame = sineFrame(500);
    frame.previousAmpSpectrum.set(frame.ampSpectrum);
    expect(spectralFlux(frame)).toBeCloseTo(0, 12);
    expect(spectralFlux(silence())).toBe(0);
    expect(spectralFlux(sineFrame(500))).toBeCloseTo(1, 12);
  });
  it('is large when the spectrum moves to another frequency', () => {
    const frame = sineFrame(4000);
    frame.previousAmpSpectrum.set(sineFrame(300).ampSpectrum);
    expect(spectralFlux(frame)).toBeGreaterThan(0.9);
  });
});

describe('rms', () => {
  it('is amplitude/√2 for a sine, the level for DC, 0 for silence', () => {
    expect(rms(sineFrame(440, 0.8))).toBeCloseTo(0.8 / Math.SQRT2, 2);
    expect(rms(spectralFrameFor(new Float32Array(FRAME).fill(0.25), TEST_RATE))).toBeCloseTo(0.25, 10);
    expect(rms(silence())).toBe(0);
  });
});

describe('zcr', () => {
  it('is 2·f/sr for a sine, 0 for DC and silence', () => {
    expect(zcr(sineFrame(1000))).toBeCloseTo((2 * 1000) / TEST_RATE, 2);
    expect(zcr(spectralFrameFor(new Float32Array(FRAME).fill(0.25), TEST_RATE))).toBe(0);
    expect(zcr(silence())).toBe(0);
  });
});

describe('onsetStrength', () => {
  it('is the mean mel-band rise in dB and ignores falls', () => {
    const frame = sineFrame(1000);
    frame.previousMelDb.set(frame.melDb.map((db) => db - 12));
    expect(onsetStrength(frame)).toBeCloseTo(12, 9);
    frame.previousMelDb.set(frame.melDb.map((db) => db + 12));
    expect(onsetStrength(frame)).toBe(0);
  });
});

describe('logMel', () => {
  it('peaks in the band around a sine and floors silence at -100 dB', () => {
    const bands = vector(logMel, sineFrame(1000), MEL_BAND_COUNT);
    const loudest = bands.indexOf(Math.max(...bands));
    const { centreHz } = sineFrame(1000).setup.melBank;
    expect(Math.abs(centreHz[loudest] - 1000)).toBeLessThan(150);
    expect(vector(logMel, silence(), MEL_BAND_COUNT).every((db) => db === -100)).toBe(true);
  });
});

describe('mfcc', () => {
  it('has only a 0th coefficient for a flat mel spectrum (silence: 40 bands at -100 dB)', () => {
    const coefficients = vector(mfcc, silence(), MFCC_COUNT);
    expect(coefficients[0]).toBeCloseTo(-100 * Math.sqrt(MEL_BAND_COUNT), 9);
    for (let k = 1; k < MFCC_COUNT; k++) expect(coefficients[k]).toBeCloseTo(0, 9);
  });
  it('tells a low sine from a high one by the sign of the 1st coefficient', () => {
    expect(vector(mfcc, sineFrame(150), MFCC_COUNT)[1]).toBeGreaterThan(0);
    expect(vector(mfcc, sineFrame(6000), MFCC_COUNT)[1]).toBeLessThan(0);
  });
});

describe('chroma', () => {
  it('puts A440 in pitch class A and C261.6 in C, scaled to a maximum of 1', () => {
    const a = vector(chroma, sineFrame(440), CHROMA_COUNT);
    expect(a.indexOf(1)).toBe(9);
    const c = vector(chroma, sineFrame(261.63), CHROMA_COUNT);
    expect(c.indexOf(1)).toBe(0);
  });
  it('is all zeros for silence', () => {
    expect(vector(chroma, silence(), CHROMA_COUNT)).toEqual(new Array(CHROMA_COUNT).fill(0));
  });
});

describe('spectralContrast', () => {
  it('is high in the band of a sine, low for noise, 0 for silence', () => {
    const tonal = vector(spectralContrast, sineFrame(1000), CONTRAST_BAND_COUNT);
    const noisy = vector(spectralContrast, noise(), CONTRAST_BAND_COUNT);
    // 1000 Hz lies in the 800–1600 Hz band (index 3).
    expect(tonal[3]).toBeGreaterThan(30);
    expect(tonal[3]).toBeGreaterThan(noisy[3] + 20);
    expect(vector(spectralContrast, silence(), CONTRAST_BAND_COUNT)).toEqual(new Array(CONTRAST_BAND_COUNT).fill(0));
  });
});
