import { describe, expect, it } from 'vitest';
import { conv3x3Relu, conv3x3ReluScalar, convLayerProblem, maxPool2, poolOverWidth, simdConvAvailable, type Conv3x3LayerJson, type FeatureMap } from './conv.js';

/** Straight from the definition, one output pixel at a time: what the plane-wise version must equal. */
function referenceConv(input: FeatureMap, layer: Conv3x3LayerJson): Float32Array {
  const { height, width } = input;
  const out = new Float32Array(layer.outChannels * height * width);
  for (let o = 0; o < layer.outChannels; o++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = layer.bias[o];
        for (let c = 0; c < layer.inChannels; c++) {
          for (let ky = 0; ky < 3; ky++) {
            for (let kx = 0; kx < 3; kx++) {
              const iy = y + ky - 1;
              const ix = x + kx - 1;
              if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;
              sum += layer.weights[((o * layer.inChannels + c) * 3 + ky) * 3 + kx] * input.values[(c * height + iy) * width + ix];
            }
          }
        }
        out[(o * height + y) * width + x] = Math.max(0, sum);
      }
    }
  }
  return out;
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

describe('conv3x3Relu', () => {
  it('runs in WebAssembly SIMD on Node', () => {
    expect(simdConvAvailable()).toBe(true);
  });

  // Odd sizes, so the SIMD kernel's last vector of a plane overruns into the spare floats.
  for (const [height, width] of [[5, 7], [40, 96], [3, 1]]) {
    it(`equals the per-pixel definition on a ${height}×${width} map, zero padding at every edge included (SIMD and TypeScript)`, () => {
      const random = seeded(7 + height);
      const input: FeatureMap = { channels: 3, height, width, values: Float32Array.from({ length: 3 * height * width }, random) };
      const layer: Conv3x3LayerJson = { inChannels: 3, outChannels: 4, weights: Array.from({ length: 4 * 3 * 9 }, random), bias: Array.from({ length: 4 }, random) };
      const expected = referenceConv(input, layer);
      for (const ours of [conv3x3Relu(input, layer), conv3x3ReluScalar(input, layer)]) {
        expect([ours.channels, ours.height, ours.width]).toEqual([4, height, width]);
        ours.values.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 5));
        expect(ours.values.some((v) => v === 0)).toBe(true);
      }
    });
  }

  it('falls back to TypeScript for a layer too big for the kernel\'s memory', () => {
    const input: FeatureMap = { channels: 1, height: 1024, width: 1100, values: new Float32Array(1024 * 1100).fill(1) };
    const layer: Conv3x3LayerJson = { inChannels: 1, outChannels: 1, weights: [0, 0, 0, 0, 2, 0, 0, 0, 0], bias: [0.5] };
    expect(conv3x3Relu(input, layer).values[12345]).toBe(2.5);
  });

  it('moves a map by one pixel with a shifted identity kernel', () => {
    const input: FeatureMap = { channels: 1, height: 2, width: 3, values: Float32Array.from([1, 2, 3, 4, 5, 6]) };
    // Tap (dy, dx) = (0, +1): each output pixel reads its right-hand neighbour; the last column sees the pad.
    const weights = [0, 0, 0, 0, 0, 1, 0, 0, 0];
    expect(Array.from(conv3x3Relu(input, { inChannels: 1, outChannels: 1, weights, bias: [0] }).values)).toEqual([2, 3, 0, 5, 6, 0]);
    expect(Array.from(conv3x3ReluScalar(input, { inChannels: 1, outChannels: 1, weights, bias: [0] }).values)).toEqual([2, 3, 0, 5, 6, 0]);
  });

  it('names what is wrong with a layer', () => {
    expect(convLayerProblem({ inChannels: 2, outChannels: 1, weights: new Array(18).fill(0), bias: [0] }, 2)).toBeNull();
    expect(convLayerProblem({ inChannels: 2, outChannels: 1, weights: new Array(18).fill(0), bias: [0] }, 3)).toMatch(/2 input channels where 3/);
    expect(convLayerProblem({ inChannels: 1, outChannels: 1, weights: new Array(8).fill(0), bias: [0] }, 1)).toMatch(/9 finite/);
    expect(convLayerProblem({ inChannels: 1, outChannels: 1, weights: new Array(9).fill(Number.NaN), bias: [0] }, 1)).toMatch(/finite/);
    expect(convLayerProblem(null, 1)).not.toBeNull();
  });
});

describe('maxPool2 and poolOverWidth', () => {
  it('takes 2×2 maxima and drops an odd last row and column', () => {
    const input: FeatureMap = { channels: 1, height: 3, width: 5, values: Float32Array.from([1, 9, 2, 3, 7, 4, 5, 8, 6, 7, 9, 9, 9, 9, 9]) };
    const pooled = maxPool2(input);
    expect([pooled.height, pooled.width]).toEqual([1, 2]);
    expect(Array.from(pooled.values)).toEqual([9, 8]);
  });

  it('gives every channel row means first, then every channel row maxima', () => {
    const input: FeatureMap = { channels: 2, height: 2, width: 2, values: Float32Array.from([1, 3, 0, 4, 5, 5, 2, 8]) };
    expect(Array.from(poolOverWidth(input))).toEqual([2, 2, 5, 5, 3, 4, 5, 8]);
  });
});
