import { describe, expect, it } from 'vitest';
import { envelopeTimes, rmsEnvelope } from './envelope.js';
import { saw, shape, TEST_RATE, whiteNoise } from './testing/signals.js';

const timesOf = (signal: Float32Array) => envelopeTimes(rmsEnvelope(signal, TEST_RATE));

describe('attack and decay on synthetic envelopes', () => {
  it('measures a 50 ms linear fade-in as ~40 ms (10% → 90% of a linear ramp)', () => {
    const signal = shape(whiteNoise(TEST_RATE), (t) => Math.min(1, t / 0.05));
    expect(timesOf(signal).attackTime).toBeGreaterThan(0.034);
    expect(timesOf(signal).attackTime).toBeLessThan(0.046);
  });

  it('measures an instant attack as a few milliseconds at most', () => {
    const signal = shape(whiteNoise(TEST_RATE), (t) => Math.exp(-t / 0.1));
    expect(timesOf(signal).attackTime).toBeLessThan(0.006);
  });

  it('reads -20 dB and -40 dB decay times of an exponential decay (τ·ln10 and 2τ·ln10)', () => {
    const tau = 0.1;
    const signal = shape(whiteNoise(2 * TEST_RATE), (t) => Math.exp(-t / tau));
    const times = timesOf(signal);
    expect(times.decayTime20db).toBeCloseTo(tau * Math.LN10, 1);
    expect(times.decayTime).toBeCloseTo(2 * tau * Math.LN10, 1);
  });

  it('does not mistake the ripple of a steady low note for an attack', () => {
    expect(timesOf(saw(55, 1)).attackTime).toBeLessThan(0.01);
  });

  it('measures the attack of the loudest hit in a loop from the valley before it', () => {
    const signal = shape(whiteNoise(TEST_RATE), (t) => (t < 0.5 ? 0.3 * Math.exp(-t / 0.3) : Math.min(1, (t - 0.5) / 0.02)));
    const times = timesOf(signal);
    expect(times.attackTime).toBeLessThan(0.025);
    expect(times.onsetTime).toBeGreaterThan(0.49);
  });

  it('reports active duration, silence ratio and onset around leading and trailing silence', () => {
    const signal = new Float32Array(TEST_RATE);
    signal.set(whiteNoise(TEST_RATE / 4), TEST_RATE / 2);
    const times = timesOf(signal);
    expect(times.activeDuration).toBeCloseTo(0.25, 1);
    expect(times.silenceRatio).toBeCloseTo(0.75, 1);
    expect(times.onsetTime).toBeCloseTo(0.5, 1);
  });

  it('gives zeros and a silence ratio of 1 for digital silence', () => {
    expect(timesOf(new Float32Array(1000))).toEqual({
      attackTime: 0, decayTime20db: 0, decayTime: 0, activeDuration: 0, silenceRatio: 1, onsetTime: 0, peakTime: 0,
    });
  });
});
