import { describe, expect, it } from 'vitest';
import { analyse, DESCRIPTOR_NAMES, WAVEFORM_BUCKETS } from './index.js';
import { audioHash, fnv1a64Hex } from './audio-hash.js';
import { integratedLoudness } from './loudness.js';
import { peakWaveform } from './waveform.js';
import { saw, seededRandom, sine, TEST_RATE, whiteNoise } from './testing/signals.js';

function expectAllFinite(samples: Float32Array): void {
  const { descriptors, waveform, audioHash: hash } = analyse(samples, TEST_RATE);
  expect(Object.keys(descriptors)).toEqual([...DESCRIPTOR_NAMES]);
  for (const name of DESCRIPTOR_NAMES) expect(Number.isFinite(descriptors[name]), name).toBe(true);
  expect(waveform).toHaveLength(WAVEFORM_BUCKETS);
  expect(hash).toMatch(/^[0-9a-f]{16}$/);
}

describe('analyse edge cases', () => {
  it.each([
    ['empty', new Float32Array(0)],
    ['10 samples', Float32Array.from({ length: 10 }, (_, i) => Math.sin(i))],
    ['all zeros', new Float32Array(TEST_RATE)],
    ['DC only', new Float32Array(TEST_RATE).fill(0.5)],
    ['full-scale square', Float32Array.from({ length: TEST_RATE }, (_, i) => (Math.floor(i / 50) % 2 ? 1 : -1))],
    ['a single click', Float32Array.from({ length: 3000 }, (_, i) => (i === 1500 ? 1 : 0))],
  ])('%s gives every descriptor, all finite', (_name, samples) => expectAllFinite(samples));

  it('keeps the contract names', () => {
    for (const name of ['mfcc_mean_12', 'mfcc_std_0', 'chroma_11', 'spectral_centroid_std', 'tempo', 'decay_time_20db', 'spectral_contrast_6',
      'onset_mfcc_12', 'tail_flatness', 'log_mel_std_39', 'pulse_clarity', 'f0_confidence', 'active_duration']) {
      expect(DESCRIPTOR_NAMES).toContain(name);
    }
    expect(new Set(DESCRIPTOR_NAMES).size).toBe(DESCRIPTOR_NAMES.length);
  });

  it('describes silence as silence', () => {
    const { descriptors } = analyse(new Float32Array(TEST_RATE), TEST_RATE);
    expect(descriptors.silence_ratio).toBe(1);
    expect(descriptors.peak_db).toBe(-120);
    expect(descriptors.loudness_lufs).toBe(-120);
    expect(descriptors.rms_max).toBe(0);
  });

  it('tells a bright noisy hit from a dark tone', () => {
    const noisy = analyse(whiteNoise(TEST_RATE / 2), TEST_RATE).descriptors;
    const tone = analyse(saw(80, 0.5, 0.5), TEST_RATE).descriptors;
    expect(noisy.spectral_centroid_mean).toBeGreaterThan(tone.spectral_centroid_mean);
    expect(noisy.spectral_flatness_mean).toBeGreaterThan(tone.spectral_flatness_mean);
    expect(tone.harmonicity).toBeGreaterThan(noisy.harmonicity);
    expect(analyse(sine(1000, 1), TEST_RATE).descriptors.crest_factor_db).toBeCloseTo(3.01, 1);
  });
});

describe('loudness', () => {
  it('reads a full-scale 997 Hz sine near -3 LUFS and scales with gain', () => {
    // BS.1770 defines -3.01 for this tone at 48 kHz; designing the filters at 22050 Hz costs ~0.3 dB.
    expect(integratedLoudness(sine(997, 3, 1), TEST_RATE)).toBeGreaterThan(-3.5);
    expect(integratedLoudness(sine(997, 3, 1), TEST_RATE)).toBeLessThan(-2.7);
    expect(integratedLoudness(sine(997, 3, 0.1), TEST_RATE) - integratedLoudness(sine(997, 3, 1), TEST_RATE)).toBeCloseTo(-20, 1);
  });

  it('gates out silence: a tone with a long silent tail reads as the tone', () => {
    const withTail = new Float32Array(6 * TEST_RATE);
    withTail.set(sine(997, 2, 0.5));
    expect(integratedLoudness(withTail, TEST_RATE)).toBeCloseTo(integratedLoudness(sine(997, 2, 0.5), TEST_RATE), 0);
  });
});

describe('audioHash', () => {
  it('is FNV-1a 64 (checked against a BigInt reference)', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff);
    let reference = 0xcbf29ce484222325n;
    for (const byte of bytes) reference = ((reference ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
    expect(fnv1a64Hex(bytes)).toBe(reference.toString(16).padStart(16, '0'));
    expect(fnv1a64Hex([])).toBe('cbf29ce484222325');
  });

  it('is equal for audio that quantises to the same 16-bit values and differs otherwise', () => {
    const random = seededRandom(9);
    const original = Float32Array.from({ length: 5000 }, () => Math.round((random() * 2 - 1) * 20000) / 32767);
    const jittered = original.map((x) => x + 0.2 / 32767);
    const changed = original.slice();
    changed[2500] += 3 / 32767;
    expect(audioHash(jittered, TEST_RATE)).toBe(audioHash(original, TEST_RATE));
    expect(audioHash(changed, TEST_RATE)).not.toBe(audioHash(original, TEST_RATE));
    expect(audioHash(original, 44100)).not.toBe(audioHash(original, TEST_RATE));
  });
});

describe('peakWaveform', () => {
  it('gives 200 peaks in 0..1, also for clips shorter than 200 samples', () => {
    const loud = Float32Array.from({ length: 1000 }, (_, i) => (i < 500 ? 0.5 : -2));
    const peaks = peakWaveform(loud);
    expect(peaks).toHaveLength(200);
    expect(peaks[0]).toBe(0.5);
    expect(peaks[199]).toBe(1);
    expect(peakWaveform(Float32Array.from([0.1, -0.3, 0.2]))).toHaveLength(200);
    expect(peakWaveform(new Float32Array(0)).every((peak) => peak === 0)).toBe(true);
  });
});
