// Band-limited sample-rate conversion: a Kaiser-windowed sinc low-pass evaluated as a polyphase
// filter. Every file is converted to the analysis rate, so the table for each rate pair is built
// once and cached, and the inner loop allocates nothing.
import { lazyWasmKernel } from '../dsp/wasm-kernel.js';
import { WASM_BASE64 } from './resample-kernel.wasm.js';

/**
 * Bumped whenever the resampler's output changes, even by rounding (revision 2: the SIMD kernel
 * sums in float32). Libraries need no re-analysis for that, but the training cache keys on it so
 * `npm run train` stays byte-reproducible from a clean clone.
 */
export const RESAMPLER_REVISION = 2;

/** Stop-band attenuation the filter is designed for; aliases end up below -80 dB. */
const STOPBAND_DB = 80;
/** Pass band ends at this fraction of the lower Nyquist frequency; the stop band starts at Nyquist. */
const PASSBAND_FRACTION = 0.85;
/**
 * Exact polyphase needs one table row per phase (dst / gcd). Odd rate pairs (e.g. 44056 → 22050)
 * would need thousands; beyond this the phase is rounded to the nearest of this many rows, a
 * timing error under 1/8192 of an input sample (about -75 dB at 10 kHz).
 */
const MAX_PHASES = 4096;
/** Rate pairs kept in the table cache; a library rarely holds more than a handful of rates. */
const CACHE_LIMIT = 16;

interface PolyphaseFilter {
  /** One row per phase, laid out flat: `taps` coefficients, then zeros up to `stride` (for the SIMD kernel). */
  table: Float32Array;
  taps: number;
  /** Row length: `taps` rounded up to a multiple of 8, the SIMD kernel's step. */
  stride: number;
  phases: number;
  /** Index of the first input sample of a row, relative to floor(output time). */
  firstTapOffset: number;
  /** Output step in input samples, as an integer part plus a fraction `stepNumerator / stepDenominator`. */
  stepWhole: number;
  stepNumerator: number;
  stepDenominator: number;
}

/** The SIMD kernel reads rows 8 taps at a time (two 4-lane sums). */
const KERNEL_TAP_MULTIPLE = 8;

const filterCache = new Map<string, PolyphaseFilter>();

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Zeroth-order modified Bessel function of the first kind (series), for the Kaiser window. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterXSquared = (x * x) / 4;
  for (let k = 1; k < 64; k++) {
    term *= quarterXSquared / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

function buildFilter(sourceRate: number, targetRate: number): PolyphaseFilter {
  const divisor = greatestCommonDivisor(sourceRate, targetRate);
  const upFactor = targetRate / divisor; // output samples per `downFactor` input samples
  const downFactor = sourceRate / divisor;
  const phases = Math.min(upFactor, MAX_PHASES);

  // Design in units of input samples. `scale` < 1 when downsampling: the filter widens by 1/scale.
  const scale = Math.min(1, targetRate / sourceRate);
  const transitionWidth = 0.5 * (1 - PASSBAND_FRACTION) * scale; // cycles per input sample
  const cutoff = 0.5 * scale - transitionWidth / 2; // centre of the transition band
  const halfWidth = Math.ceil((STOPBAND_DB - 7.95) / (14.36 * transitionWidth) / 2);
  const taps = 2 * halfWidth;
  const beta = kaiserBeta(STOPBAND_DB);
  const betaNorm = besselI0(beta);

  const stride = Math.ceil(taps / KERNEL_TAP_MULTIPLE) * KERNEL_TAP_MULTIPLE;
  const table = new Float32Array(phases * stride);
  for (let phase = 0; phase < phases; phase++) {
    const fraction = phase / phases; // output time minus floor(output time), in input samples
    let rowSum = 0;
    for (let tap = 0; tap < taps; tap++) {
      const offset = tap - halfWidth + 1 - fraction; // input sample time minus output time
      const windowPosition = offset / halfWidth;
      const window = Math.abs(windowPosition) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - windowPosition * windowPosition)) / betaNorm;
      const argument = 2 * cutoff * offset;
      const sinc = argument === 0 ? 1 : Math.sin(Math.PI * argument) / (Math.PI * argument);
      const coefficient = 2 * cutoff * sinc * window;
      table[phase * stride + tap] = coefficient;
      rowSum += coefficient;
    }
    // Unit DC gain in every phase, so a constant stays exactly constant.
    for (let tap = 0; tap < taps; tap++) table[phase * stride + tap] /= rowSum;
  }
  return {
    table,
    taps,
    stride,
    phases,
    firstTapOffset: 1 - halfWidth,
    stepWhole: Math.floor(downFactor / upFactor),
    stepNumerator: downFactor % upFactor,
    stepDenominator: upFactor,
  };
}

function filterFor(sourceRate: number, targetRate: number): PolyphaseFilter {
  const key = `${sourceRate}:${targetRate}`;
  let filter = filterCache.get(key);
  if (!filter) {
    filter = buildFilter(sourceRate, targetRate);
    if (filterCache.size >= CACHE_LIMIT) {
      const oldest = filterCache.keys().next().value;
      if (oldest !== undefined) filterCache.delete(oldest);
    }
    filterCache.set(key, filter);
  }
  return filter;
}

/** Number of output samples for `inputLength` samples: round(n · dst / src). */
export function resampledLength(inputLength: number, sourceRate: number, targetRate: number): number {
  return Math.round((inputLength * targetRate) / sourceRate);
}

/**
 * Converts `samples` from `sourceRate` to `targetRate` (positive integers, Hz). Output sample k
 * sits at input time k · src / dst, so the first samples line up; samples outside the input count
 * as silence. Returns `samples` itself when the rates are equal.
 *
 * Outputs whose kernel lies wholly inside the input go through the SIMD kernel where the runtime
 * has one; the few at either end (and everything, without SIMD) take the per-tap loop below.
 * `simd: false` forces the per-tap loop everywhere (tests compare the two).
 */
export function resample(samples: Float32Array, sourceRate: number, targetRate: number, options: { simd?: boolean } = {}): Float32Array {
  if (!Number.isInteger(sourceRate) || !Number.isInteger(targetRate) || sourceRate <= 0 || targetRate <= 0) {
    throw new RangeError(`resample needs positive integer rates, got ${sourceRate} → ${targetRate}`);
  }
  if (sourceRate === targetRate) return samples;
  const filter = filterFor(sourceRate, targetRate);
  const output = new Float32Array(resampledLength(samples.length, sourceRate, targetRate));
  const kernel = options.simd === false ? null : simdKernel();
  if (!kernel) {
    resampleRange(samples, filter, output, 0, output.length);
    return output;
  }
  const [first, end] = interiorRange(filter, samples.length, output.length);
  resampleRange(samples, filter, output, 0, first);
  kernel.run(samples, filter, output, first, end);
  resampleRange(samples, filter, output, end, output.length);
  return output;
}

/** Input time of output k as floor(k · src / dst) and the remainder, in units of 1 / stepDenominator. */
function outputTime(filter: PolyphaseFilter, k: number): { whole: number; numerator: number } {
  const { stepWhole, stepNumerator, stepDenominator } = filter;
  const position = k * (stepWhole * stepDenominator + stepNumerator); // exact: below 2^53 for any real file
  const whole = Math.floor(position / stepDenominator);
  return { whole, numerator: position - whole * stepDenominator };
}

/**
 * Outputs [first, end) whose every tap (padded row, phase rounding's extra sample included)
 * falls inside the input, so the kernel needs no bounds checks.
 */
function interiorRange(filter: PolyphaseFilter, inputLength: number, outputLength: number): [number, number] {
  const { stepWhole, stepNumerator, stepDenominator, firstTapOffset, stride } = filter;
  const down = stepWhole * stepDenominator + stepNumerator;
  const up = stepDenominator;
  // whole(k) >= -firstTapOffset  ⟺  k >= ceil(-firstTapOffset · up / down)
  const first = Math.min(outputLength, Math.ceil((-firstTapOffset * up) / down));
  // whole(k) + firstTapOffset + 1 + stride <= inputLength  ⟺  k < (lastWhole + 1) · up / down
  const lastWhole = inputLength - stride - 1 - firstTapOffset;
  const end = lastWhole < 0 ? first : Math.min(outputLength, Math.ceil(((lastWhole + 1) * up) / down));
  return [first, Math.max(first, end)];
}

/** The per-tap loop for outputs [from, to): zero outside the input. */
function resampleRange(samples: Float32Array, filter: PolyphaseFilter, output: Float32Array, from: number, to: number): void {
  const { table, taps, stride, phases, firstTapOffset, stepWhole, stepNumerator, stepDenominator } = filter;
  const inputLength = samples.length;
  const exactPhases = phases === stepDenominator;
  let { whole, numerator } = outputTime(filter, from);
  for (let k = from; k < to; k++) {
    let phase = exactPhases ? numerator : Math.round((numerator * phases) / stepDenominator);
    let start = whole + firstTapOffset;
    if (phase === phases) {
      phase = 0;
      start += 1;
    }
    const row = phase * stride;
    const firstTap = start < 0 ? -start : 0;
    const endTap = Math.min(taps, inputLength - start);
    let sum = 0;
    for (let tap = firstTap; tap < endTap; tap++) sum += samples[start + tap] * table[row + tap];
    output[k] = sum;

    whole += stepWhole;
    numerator += stepNumerator;
    if (numerator >= stepDenominator) {
      numerator -= stepDenominator;
      whole += 1;
    }
  }
}

interface SimdKernel {
  run(samples: Float32Array, filter: PolyphaseFilter, output: Float32Array, from: number, to: number): void;
}

/** Outputs per kernel call: bounds the input copied into wasm memory (under 1 MB even from 192 kHz). */
const KERNEL_BLOCK = 16_384;

interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  polyphase(input: number, table: number, stride: number, phases: number, output: number, count: number, whole: number, numerator: number, stepWhole: number, stepNumerator: number, stepDenominator: number): void;
}

const kernelExports = lazyWasmKernel<KernelExports>(WASM_BASE64);
let kernelInstance: SimdKernel | null | undefined;

/** Whether this runtime runs the SIMD kernel (Node 20, Electron and current browsers do). */
export function simdResamplerAvailable(): boolean {
  return simdKernel() !== null;
}

/** The kernel with its memory bookkeeping, made once per thread; null where the runtime lacks WebAssembly SIMD. */
function simdKernel(): SimdKernel | null {
  if (kernelInstance === undefined) {
    const exports = kernelExports();
    kernelInstance = exports ? createSimdKernel(exports) : null;
  }
  return kernelInstance;
}

function createSimdKernel(exports: KernelExports): SimdKernel {
  let loadedTable: Float32Array | null = null;
  const floatsAvailable = () => exports.memory.buffer.byteLength / 4;
  const ensureFloats = (floats: number) => {
    const missing = floats - floatsAvailable();
    if (missing > 0) exports.memory.grow(Math.ceil((missing * 4) / 65_536));
  };
  return {
    run(samples, filter, output, from, to) {
      const { table, stride, phases, firstTapOffset, stepWhole, stepNumerator, stepDenominator } = filter;
      // Layout (in floats): [table][input block + 8 zero samples][output block].
      const tableFloats = table.length;
      const maxSpan = KERNEL_BLOCK * (stepWhole + 1) + stride + 2 * KERNEL_TAP_MULTIPLE;
      ensureFloats(tableFloats + maxSpan + KERNEL_BLOCK);
      const memory = new Float32Array(exports.memory.buffer);
      if (loadedTable !== table) {
        memory.set(table, 0);
        loadedTable = table;
      }
      const inputAt = tableFloats;
      const outputAt = inputAt + maxSpan;
      for (let k = from; k < to; k += KERNEL_BLOCK) {
        const count = Math.min(KERNEL_BLOCK, to - k);
        const { whole, numerator } = outputTime(filter, k);
        const base = whole + firstTapOffset;
        const last = outputTime(filter, k + count - 1).whole + firstTapOffset + 1 + stride;
        const span = Math.min(samples.length, last) - base;
        memory.set(samples.subarray(base, base + span), inputAt);
        memory.fill(0, inputAt + span, inputAt + span + 2 * KERNEL_TAP_MULTIPLE);
        exports.polyphase(inputAt * 4, 0, stride, phases, outputAt * 4, count, 0, numerator, stepWhole, stepNumerator, stepDenominator);
        output.set(memory.subarray(outputAt, outputAt + count), k);
      }
    },
  };
}
