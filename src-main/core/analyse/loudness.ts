// Integrated loudness after ITU-R BS.1770-4 for one channel: K-weighting (a high shelf for the
// head, a high-pass for the ear's bass roll-off), mean square over 400 ms blocks every 100 ms, an
// absolute gate at -70 LUFS and a relative gate 10 LU below the gated mean. The filters are
// designed for the actual sample rate from the standard's analogue parameters (as pyloudnorm
// does) rather than using the 48 kHz coefficient table.

/** Reported for silence, where loudness is -Infinity. */
export const LOUDNESS_FLOOR_LUFS = -120;
const BLOCK_SECONDS = 0.4;
const STEP_SECONDS = 0.1;
const ABSOLUTE_GATE_LUFS = -70;
const RELATIVE_GATE_LU = 10;

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

function highShelf(sampleRate: number): Biquad {
  const gainDb = 3.99984385397;
  const q = 0.7071752369554193;
  const centreHz = 1681.9744509555319;
  const a = 10 ** (gainDb / 40);
  const w0 = (2 * Math.PI * centreHz) / sampleRate;
  const alpha = Math.sin(w0) / (2 * q);
  const cos = Math.cos(w0);
  const root = 2 * Math.sqrt(a) * alpha;
  const a0 = a + 1 - (a - 1) * cos + root;
  return {
    b0: (a * (a + 1 + (a - 1) * cos + root)) / a0,
    b1: (-2 * a * (a - 1 + (a + 1) * cos)) / a0,
    b2: (a * (a + 1 + (a - 1) * cos - root)) / a0,
    a1: (2 * (a - 1 - (a + 1) * cos)) / a0,
    a2: (a + 1 - (a - 1) * cos - root) / a0,
  };
}

function highPass(sampleRate: number): Biquad {
  const q = 0.5003270373253953;
  const cornerHz = 38.13547087613982;
  const w0 = (2 * Math.PI * cornerHz) / sampleRate;
  const alpha = Math.sin(w0) / (2 * q);
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  return { b0: (1 + cos) / 2 / a0, b1: -(1 + cos) / a0, b2: (1 + cos) / 2 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/**
 * Running sum of the K-weighted squares of `samples` (both biquads in one pass, direct form I):
 * cumulative[i] = Σ_{j<i} z[j]². Summed as it is filtered, so no per-sample squares array is kept.
 */
function kWeightedCumulativeSquares(samples: Float32Array, sampleRate: number): Float64Array {
  const shelf = highShelf(sampleRate);
  const pass = highPass(sampleRate);
  const cumulative = new Float64Array(samples.length + 1);
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0, z1 = 0, z2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i];
    const y = shelf.b0 * x + shelf.b1 * x1 + shelf.b2 * x2 - shelf.a1 * y1 - shelf.a2 * y2;
    x2 = x1;
    x1 = x;
    const z = pass.b0 * y + pass.b1 * y1 + pass.b2 * y2 - pass.a1 * z1 - pass.a2 * z2;
    y2 = y1;
    y1 = y;
    z2 = z1;
    z1 = z;
    cumulative[i + 1] = cumulative[i] + z * z;
  }
  return cumulative;
}

const toLufs = (meanSquare: number): number => -0.691 + 10 * Math.log10(meanSquare);

/** Integrated loudness in LUFS; a clip shorter than one block is measured as a single block. */
export function integratedLoudness(samples: Float32Array, sampleRate: number): number {
  if (samples.length === 0) return LOUDNESS_FLOOR_LUFS;
  const cumulative = kWeightedCumulativeSquares(samples, sampleRate);
  const block = Math.round(BLOCK_SECONDS * sampleRate);
  const step = Math.round(STEP_SECONDS * sampleRate);
  const blockPowers: number[] = [];
  if (samples.length <= block) {
    blockPowers.push(cumulative[samples.length] / samples.length);
  } else {
    for (let start = 0; start + block <= samples.length; start += step) {
      blockPowers.push((cumulative[start + block] - cumulative[start]) / block);
    }
  }
  const aboveAbsolute = blockPowers.filter((power) => power > 0 && toLufs(power) > ABSOLUTE_GATE_LUFS);
  if (aboveAbsolute.length === 0) return LOUDNESS_FLOOR_LUFS;
  const relativeGate = toLufs(aboveAbsolute.reduce((a, b) => a + b, 0) / aboveAbsolute.length) - RELATIVE_GATE_LU;
  const gated = aboveAbsolute.filter((power) => toLufs(power) > relativeGate);
  const loudness = toLufs(gated.reduce((a, b) => a + b, 0) / gated.length);
  return Math.max(LOUDNESS_FLOOR_LUFS, loudness);
}
