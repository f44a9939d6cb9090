// Synthetic test signals with known answers. Deterministic (seeded noise) so failures reproduce.

export const TEST_RATE = 22050;

export function seededRandom(seed = 1): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export function sine(hz: number, seconds: number, amplitude = 0.5, sampleRate = TEST_RATE): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return out;
}

/** Naive (aliasing) sawtooth: rich in harmonics, the classic synth-bass test tone. */
export function saw(hz: number, seconds: number, amplitude = 0.5, sampleRate = TEST_RATE): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * (2 * ((hz * i) / sampleRate - Math.floor((hz * i) / sampleRate)) - 1);
  return out;
}

export function whiteNoise(length: number, amplitude = 0.5, seed = 7): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < out.length; i++) out[i] = amplitude * (2 * random() - 1);
  return out;
}

/** Noise bursts (5 ms decay) on every beat at `bpm`, like a hi-hat or rim click track. */
export function clickTrack(bpm: number, seconds: number, sampleRate = TEST_RATE, seed = 3): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  const random = seededRandom(seed);
  const period = (60 / bpm) * sampleRate;
  for (let beat = 0; beat * period < out.length; beat++) {
    const start = Math.round(beat * period);
    for (let i = 0; i < 400 && start + i < out.length; i++) out[start + i] = 0.8 * (2 * random() - 1) * Math.exp(-i / (0.005 * sampleRate));
  }
  return out;
}

/** Multiplies `signal` in place by `gain(tSeconds)` and returns it. */
export function shape(signal: Float32Array, gain: (t: number) => number, sampleRate = TEST_RATE): Float32Array {
  for (let i = 0; i < signal.length; i++) signal[i] *= gain(i / sampleRate);
  return signal;
}
