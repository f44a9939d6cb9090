// Seeded pseudo-random numbers, for everything that must come out the same on every run: model
// training, isolation-forest verdicts, the sound map's layout, fuzz cases, benchmarks.

/** mulberry32: tiny, fast and well mixed; returns numbers in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
