// 2-D convolution layers as model files store them (batch norm already folded into weights and
// bias), and their forward pass over one (channels × height × width) map held flat, row-major:
// in WebAssembly SIMD (conv-kernel.wat) where the runtime has it, else in plain TypeScript.
import { lazyWasmKernel } from '../dsp/wasm-kernel.js';
import { WASM_BASE64 } from './conv-kernel.wasm.js';

/** A 3×3, stride-1, zero-padded ("same") convolution followed by ReLU. */
export interface Conv3x3LayerJson {
  inChannels: number;
  outChannels: number;
  /** outChannels × inChannels × 3 × 3, flat. */
  weights: number[];
  bias: number[];
}

export interface FeatureMap {
  channels: number;
  height: number;
  width: number;
  /** channels × height × width, row-major. */
  values: Float32Array;
}

/** Checks one layer's shape against the channels it will be fed; returns the problem or null. */
export function convLayerProblem(layer: unknown, inChannels: number): string | null {
  const { inChannels: cin, outChannels: cout, weights, bias } = (layer ?? {}) as Partial<Conv3x3LayerJson>;
  if (cin !== inChannels) return `expects ${String(cin)} input channels where ${inChannels} arrive`;
  if (!Number.isInteger(cout) || (cout as number) < 1) return 'outChannels must be a positive integer';
  const finite = (values: unknown, length: number) => Array.isArray(values) && values.length === length && values.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (!finite(weights, (cout as number) * inChannels * 9)) return `weights must be ${(cout as number) * inChannels * 9} finite numbers`;
  if (!finite(bias, cout as number)) return `bias must be ${String(cout)} finite numbers`;
  return null;
}

// Typed copies of each layer's weights, made once per loaded layer.
const typedWeights = new WeakMap<Conv3x3LayerJson, Float64Array>();
const kernelWeights = new WeakMap<Conv3x3LayerJson, Float32Array>();

interface KernelExports {
  memory: { buffer: ArrayBuffer };
  conv3x3Relu(padded: number, weights: number, bias: number, sums: number, out: number, inChannels: number, outChannels: number, height: number, width: number): void;
}

/** The wasm kernel's exports, instantiated once per thread; null where the runtime lacks WebAssembly SIMD. */
const kernel = lazyWasmKernel<KernelExports>(WASM_BASE64);

/** Whether this runtime runs the SIMD kernel (Node 20, Electron and current browsers do). */
export function simdConvAvailable(): boolean {
  return kernel() !== null;
}

/** Each buffer in kernel memory is followed by this many spare floats: the last vector may overrun. */
const SPARE_FLOATS = 4;

/** Copies `input` into the interior of a zeroed, one-cell-bordered layout ((height + 2) × (width + 2) per channel) starting at target[0]. */
function copyIntoPadded(input: FeatureMap, target: Float32Array | Float64Array): void {
  const { channels, height, width, values } = input;
  const paddedWidth = width + 2;
  const paddedPlane = (height + 2) * paddedWidth;
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      const from = (c * height + y) * width;
      target.set(values.subarray(from, from + width), c * paddedPlane + (y + 1) * paddedWidth + 1);
    }
  }
}

/**
 * ReLU(conv3x3(input) + bias), same height and width as the input: the SIMD kernel where it runs
 * and the layer fits its memory, else conv3x3ReluScalar (same result to float32 rounding).
 */
export function conv3x3Relu(input: FeatureMap, layer: Conv3x3LayerJson): FeatureMap {
  const exports = kernel();
  const { height, width } = input;
  const paddedWidth = width + 2;
  const paddedPlane = (height + 2) * paddedWidth;
  const paddedFloats = layer.inChannels * paddedPlane + SPARE_FLOATS;
  const weightFloats = layer.outChannels * layer.inChannels * 9;
  const sumFloats = height * paddedWidth + SPARE_FLOATS;
  const outFloats = layer.outChannels * height * width;
  const total = paddedFloats + weightFloats + layer.outChannels + sumFloats + outFloats;
  if (!exports || total * 4 > exports.memory.buffer.byteLength) return conv3x3ReluScalar(input, layer);
  let weights = kernelWeights.get(layer);
  if (!weights) {
    weights = Float32Array.from(layer.weights);
    kernelWeights.set(layer, weights);
  }
  // Layout (floats): [padded input][weights][bias][sums][output].
  const memory = new Float32Array(exports.memory.buffer);
  memory.fill(0, 0, paddedFloats);
  copyIntoPadded(input, memory);
  const weightsAt = paddedFloats;
  const biasAt = weightsAt + weightFloats;
  const sumsAt = biasAt + layer.outChannels;
  const outAt = sumsAt + sumFloats;
  memory.set(weights, weightsAt);
  memory.set(layer.bias, biasAt);
  exports.conv3x3Relu(0, weightsAt * 4, biasAt * 4, sumsAt * 4, outAt * 4, layer.inChannels, layer.outChannels, height, width);
  return { channels: layer.outChannels, height, width, values: memory.slice(outAt, outAt + outFloats) };
}

/**
 * ReLU(conv3x3(input) + bias) in TypeScript, float64 sums. Works on a zero-bordered copy
 * of the input, one row wider and taller on each side, so that a tap is one shift of the whole
 * flattened plane: each (output, input channel, tap) triple is a single long multiply-add loop
 * instead of one per row. The border columns of the accumulator collect junk and are dropped.
 */
export function conv3x3ReluScalar(input: FeatureMap, layer: Conv3x3LayerJson): FeatureMap {
  const { height, width } = input;
  const paddedWidth = width + 2;
  const paddedPlane = (height + 2) * paddedWidth;
  const padded = new Float64Array(layer.inChannels * paddedPlane);
  copyIntoPadded(input, padded);
  let w = typedWeights.get(layer);
  if (!w) {
    w = Float64Array.from(layer.weights);
    typedWeights.set(layer, w);
  }
  // Accumulator row y, column j holds output pixel (y, j - 1) for j in 1..width.
  const span = height * paddedWidth;
  const sums = new Float64Array(span);
  const out = new Float32Array(layer.outChannels * height * width);
  for (let o = 0; o < layer.outChannels; o++) {
    sums.fill(layer.bias[o]);
    for (let c = 0; c < layer.inChannels; c++) {
      const kernel = (o * layer.inChannels + c) * 9;
      for (let tap = 0; tap < 9; tap++) {
        const weight = w[kernel + tap];
        if (weight === 0) continue;
        // Tap (dy, dx) = (row - 1, column - 1) reads padded row y + 1 + dy, column j + dx.
        const shift = c * paddedPlane + Math.floor(tap / 3) * paddedWidth + (tap % 3) - 1;
        for (let i = 1; i < span - 1; i++) sums[i] += weight * padded[i + shift];
      }
    }
    for (let y = 0; y < height; y++) {
      const row = y * paddedWidth + 1;
      const outRow = (o * height + y) * width;
      for (let j = 0; j < width; j++) {
        const value = sums[row + j];
        out[outRow + j] = value > 0 ? value : 0;
      }
    }
  }
  return { channels: layer.outChannels, height, width, values: out };
}

/** 2×2 max pooling with stride 2; an odd last row or column is dropped (floor), as PyTorch does. */
export function maxPool2(input: FeatureMap): FeatureMap {
  const height = Math.floor(input.height / 2);
  const width = Math.floor(input.width / 2);
  const out = new Float32Array(input.channels * height * width);
  const x = input.values;
  for (let c = 0; c < input.channels; c++) {
    const inBase = c * input.height * input.width;
    for (let y = 0; y < height; y++) {
      const top = inBase + 2 * y * input.width;
      const bottom = top + input.width;
      const outRow = (c * height + y) * width;
      for (let xi = 0; xi < width; xi++) {
        const i = 2 * xi;
        out[outRow + xi] = Math.max(x[top + i], x[top + i + 1], x[bottom + i], x[bottom + i + 1]);
      }
    }
  }
  return { channels: input.channels, height, width, values: out };
}

/**
 * Summary of each (channel, row) over the width (time): every channel's row means, then every
 * channel's row maxima, so a row (frequency region) keeps its place while time is pooled away.
 */
export function poolOverWidth(input: FeatureMap): Float64Array {
  const { channels, height, width, values } = input;
  const out = new Float64Array(2 * channels * height);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      const row = (c * height + y) * width;
      let sum = 0;
      let max = -Infinity;
      for (let xi = 0; xi < width; xi++) {
        const v = values[row + xi];
        sum += v;
        if (v > max) max = v;
      }
      out[c * height + y] = sum / width;
      out[(channels + c) * height + y] = max;
    }
  }
  return out;
}
