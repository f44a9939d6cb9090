import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generatedPathFor, KERNELS, wasmModuleSource } from '../../../scripts/build-wasm.mjs';
import { resample, resampledLength, simdResamplerAvailable } from './resample.js';

function sine(frequency: number, sampleRate: number, seconds: number, amplitude = 0.5): Float32Array {
  const samples = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < samples.length; i++) samples[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return samples;
}

/** Amplitude of `frequency` in `samples` by correlation with sine and cosine over the middle half (edges excluded). */
function toneAmplitude(samples: Float32Array, frequency: number, sampleRate: number): number {
  const start = Math.floor(samples.length / 4);
  const end = Math.floor((3 * samples.length) / 4);
  let sinSum = 0;
  let cosSum = 0;
  for (let i = start; i < end; i++) {
    const phase = (2 * Math.PI * frequency * i) / sampleRate;
    sinSum += samples[i] * Math.sin(phase);
    cosSum += samples[i] * Math.cos(phase);
  }
  return (2 * Math.hypot(sinSum, cosSum)) / (end - start);
}

function rms(samples: Float32Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += samples[i] * samples[i];
  return Math.sqrt(sum / (end - start));
}

/** Strongest frequency by a coarse-to-fine scan of correlation amplitude. */
function dominantFrequency(samples: Float32Array, sampleRate: number, low: number, high: number): number {
  let best = low;
  let bestAmplitude = -1;
  for (let step = 50; step >= 0.5; step /= 10) {
    const from = step === 50 ? low : best - step * 10;
    const to = step === 50 ? high : best + step * 10;
    for (let frequency = from; frequency <= to; frequency += step) {
      const amplitude = toneAmplitude(samples, frequency, sampleRate);
      if (amplitude > bestAmplitude) [best, bestAmplitude] = [frequency, amplitude];
    }
  }
  return best;
}

const DB = (ratio: number) => 20 * Math.log10(ratio);

describe('resample', () => {
  const ratePairs: Array<[number, number]> = [
    [44100, 22050],
    [48000, 22050],
    [8000, 22050],
    [192000, 22050],
    [96000, 22050],
    [11025, 22050],
    [44056, 22050], // awkward ratio: rounded-phase path
  ];

  it.each(ratePairs)('keeps a tone below Nyquist (%i → %i) within ±0.5 dB at its frequency', (source, target) => {
    const frequency = Math.min(source, target) * 0.3;
    const output = resample(sine(frequency, source, 0.5), source, target);
    expect(Math.abs(DB(toneAmplitude(output, frequency, target) / 0.5))).toBeLessThan(0.5);
    expect(Math.abs(dominantFrequency(output, target, frequency - 300, frequency + 300) - frequency)).toBeLessThan(1);
  });

  it.each([
    [44100, 22050, 15000],
    [48000, 22050, 12500],
    [192000, 22050, 40000],
    [96000, 22050, 11600],
  ])('attenuates a tone above the new Nyquist by at least 60 dB (%i → %i, %i Hz)', (source, target, frequency) => {
    const output = resample(sine(frequency, source, 0.5), source, target);
    const quarter = Math.floor(output.length / 4);
    const level = rms(output, quarter, 3 * quarter) / (0.5 / Math.SQRT2);
    expect(DB(level)).toBeLessThan(-60);
  });

  it('produces round(n · dst / src) samples', () => {
    for (const [source, target] of ratePairs) {
      for (const length of [0, 1, 10, 441, 1000, 22050]) {
        expect(resample(new Float32Array(length), source, target).length).toBe(Math.round((length * target) / source));
        expect(resampledLength(length, source, target)).toBe(Math.round((length * target) / source));
      }
    }
  });

  it('keeps a constant exactly away from the edges and returns the input when the rates match', () => {
    const constant = new Float32Array(4410).fill(0.25);
    const output = resample(constant, 44100, 22050);
    for (let i = 100; i < output.length - 100; i++) expect(output[i]).toBeCloseTo(0.25, 5);
    expect(resample(constant, 22050, 22050)).toBe(constant);
  });

  it('rejects rates that are not positive integers', () => {
    expect(() => resample(new Float32Array(4), 0, 22050)).toThrow(RangeError);
    expect(() => resample(new Float32Array(4), 44100.5, 22050)).toThrow(RangeError);
  });

  it('runs the SIMD kernel here and agrees with the per-tap loop at every rate pair, length and edge', () => {
    expect(simdResamplerAvailable()).toBe(true);
    let seed = 7;
    const noise = (length: number) => Float32Array.from({ length }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1);
    for (const [source, target] of [...ratePairs, [88200, 22050] as [number, number], [22050, 44100] as [number, number]]) {
      // Lengths below, at and above one kernel (edges only, a few interior outputs) and past one 16 384-output block.
      for (const length of [0, 1, 133, 134, 300, 2000, Math.ceil((40_000 * source) / target)]) {
        const input = noise(length);
        const simd = resample(input, source, target);
        const scalar = resample(input, source, target, { simd: false });
        expect(simd.length).toBe(scalar.length);
        let worst = 0;
        for (let i = 0; i < simd.length; i++) worst = Math.max(worst, Math.abs(simd[i] - scalar[i]));
        expect(worst, `${source} → ${target}, ${length} samples`).toBeLessThan(2e-6);
      }
    }
  });
});

describe('resample kernel module', () => {
  it('is the assembly of its .wat source (run `node scripts/build-wasm.mjs` after editing it)', async () => {
    for (const watPath of KERNELS) {
      expect(readFileSync(generatedPathFor(watPath), 'utf8')).toBe(await wasmModuleSource(watPath, readFileSync(watPath, 'utf8')));
    }
  });
});
