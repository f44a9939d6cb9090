import { describe, expect, it } from 'vitest';
import { harmonicProfile, NO_HARMONIC_PROFILE, PARTIAL_FLOOR_DB } from './harmonics.js';
import { analyse } from './index.js';
import { saw, shape, sine, TEST_RATE, whiteNoise } from './testing/signals.js';

/** Sum of partials h·f0·stretch(h) with amplitude amplitudeOf(h, t): an additive instrument. */
function additive(f0: number, seconds: number, amplitudeOf: (h: number, t: number) => number, stretch: (h: number) => number = () => 1): Float32Array {
  const out = new Float32Array(Math.round(seconds * TEST_RATE));
  for (let h = 1; h * f0 * stretch(h) < TEST_RATE / 2 - 200; h++) {
    const hz = h * f0 * stretch(h);
    for (let i = 0; i < out.length; i++) out[i] += 0.1 * amplitudeOf(h, i / TEST_RATE) * Math.sin((2 * Math.PI * hz * i) / TEST_RATE);
  }
  return out;
}

const whole = (samples: Float32Array) => [0, samples.length] as const;

describe('harmonic profile', () => {
  it('hears the missing even partials of a square-like (clarinet) tone', () => {
    const odd = additive(220, 1, (h) => (h % 2 ? 1 / h : 0));
    const { partialLevelsDb } = harmonicProfile(odd, TEST_RATE, 220, ...whole(odd));
    expect(partialLevelsDb[0] - partialLevelsDb[1]).toBeGreaterThan(30);
    expect(partialLevelsDb[2] - partialLevelsDb[3]).toBeGreaterThan(30);
    // 1/h amplitudes: the third partial sits 20·log10(3) ≈ 9.5 dB under the first.
    expect(partialLevelsDb[0] - partialLevelsDb[2]).toBeCloseTo(9.5, 0);
  });

  it('reads a sawtooth as every partial present, falling with h', () => {
    const tone = saw(110, 1);
    const { partialLevelsDb, harmonicRatio } = harmonicProfile(tone, TEST_RATE, 110, ...whole(tone));
    for (let h = 1; h < partialLevelsDb.length; h++) expect(partialLevelsDb[h]).toBeLessThan(partialLevelsDb[h - 1]);
    expect(partialLevelsDb[0] - partialLevelsDb[1]).toBeCloseTo(6, 0);
    expect(harmonicRatio).toBeGreaterThan(0.95);
  });

  it('measures stretched (piano-string) partials as inharmonic, a sawtooth as not', () => {
    const B = 0.002;
    const piano = additive(196, 1, (h) => 1 / h, (h) => Math.sqrt(1 + B * h * h));
    const stretched = harmonicProfile(piano, TEST_RATE, 196, ...whole(piano)).inharmonicityCents;
    const exact = harmonicProfile(saw(196, 1), TEST_RATE, 196, 0, TEST_RATE).inharmonicityCents;
    expect(exact).toBeLessThan(3);
    // Partials 2–8 sit 4–95 cents sharp of h·f1 for this B: ~38 cents on average.
    expect(stretched).toBeGreaterThan(20);
  });

  it('sees upper partials fading faster than the fundamental as a darkening tone', () => {
    const plucked = additive(147, 1.5, (h, t) => Math.exp(-t * h * 1.5) / h);
    const bowed = additive(147, 1.5, (h) => 1 / h);
    expect(harmonicProfile(plucked, TEST_RATE, 147, ...whole(plucked)).brightnessDecayDbPerSecond).toBeLessThan(-20);
    expect(Math.abs(harmonicProfile(bowed, TEST_RATE, 147, ...whole(bowed)).brightnessDecayDbPerSecond)).toBeLessThan(2);
  });

  it('finds little harmonic energy in noise and returns the neutral profile without a pitch', () => {
    const noise = whiteNoise(TEST_RATE);
    expect(harmonicProfile(noise, TEST_RATE, 200, ...whole(noise)).harmonicRatio).toBeLessThan(0.4);
    expect(harmonicProfile(noise, TEST_RATE, 0, ...whole(noise))).toEqual(NO_HARMONIC_PROFILE);
    expect(harmonicProfile(new Float32Array(0), TEST_RATE, 200, 0, 0)).toEqual(NO_HARMONIC_PROFILE);
    expect(NO_HARMONIC_PROFILE.partialLevelsDb.every((level) => level === PARTIAL_FLOOR_DB)).toBe(true);
  });
});

describe('timbre over time', () => {
  it('tells a sustained note from a decaying one and a vibrato from a steady pitch', () => {
    const steady = analyse(saw(220, 1.5), TEST_RATE).descriptors;
    const decaying = analyse(shape(saw(220, 1.5), (t) => Math.exp(-t * 4)), TEST_RATE).descriptors;
    expect(Math.abs(steady.sustain_slope_db)).toBeLessThan(3);
    // exp(-4t) falls 8.686·4 ≈ 35 dB per second.
    expect(decaying.sustain_slope_db).toBeCloseTo(-34.7, 0);

    const vibrato = new Float32Array(Math.round(1.5 * TEST_RATE));
    let phase = 0;
    for (let i = 0; i < vibrato.length; i++) {
      phase += (2 * Math.PI * 220 * 2 ** ((40 / 1200) * Math.sin(2 * Math.PI * 5.5 * (i / TEST_RATE)))) / TEST_RATE;
      vibrato[i] = 0.5 * Math.sin(phase);
    }
    // ±40 cents at 5.5 Hz, seen through five 45 ms windows: a spread of ~9 cents.
    expect(analyse(vibrato, TEST_RATE).descriptors.f0_spread_cents).toBeGreaterThan(5);
    expect(analyse(sine(220, 1.5), TEST_RATE).descriptors.f0_spread_cents).toBeLessThan(2);
  });

  it('reads a closing filter as a falling centroid', () => {
    const closing = additive(110, 1.5, (h, t) => 1 / (1 + (h * 110 / (4000 * Math.exp(-2 * t))) ** 4));
    const open = analyse(saw(110, 1.5), TEST_RATE).descriptors;
    expect(analyse(closing, TEST_RATE).descriptors.centroid_slope).toBeLessThan(-1);
    expect(Math.abs(open.centroid_slope)).toBeLessThan(0.2);
  });
});
