// The one learned extractor: a small convolutional network over the sound's first 1.1 s of log-mel
// frames (the frame table every other descriptor reads), giving the log-probability of each
// category. Hand-made descriptors summarise a sound over time; the network sees how its spectrum
// moves from the attack on, which is what tells a snare from a tom or a clap across kits.
// Trained by `npm run train` (scripts/train/timbre-net.ts and timbre_net.py) from the allowed
// sources only, shipped as resources/timbre-net.json. Its outputs are stored as descriptors, so a
// new network means a new ANALYSIS_VERSION (re-analysis); the models above it read them like any
// other descriptor.
import { CATEGORIES, type Category } from '../../../src-shared/taxonomy.js';
import { conv3x3Relu, convLayerProblem, maxPool2, poolOverWidth, type Conv3x3LayerJson, type FeatureMap } from '../nn/conv.js';
import { layersProblem, mlpForward, type DenseLayerJson } from '../nn/dense.js';
import { MEL_BAND_COUNT } from './spectral-frame.js';
import type { FrameTable } from './stft.js';

export const TIMBRE_NET_FILE = 'timbre-net.json';
export const TIMBRE_NET_VERSION = 1;
/** 96 hops of 256 samples at 22050 Hz: 1.11 s from the onset, the attack and most of a drum's decay. */
export const TIMBRE_FRAMES = 96;
/** The input's dB value for frames after the sound's end (the mel floor). */
export const TIMBRE_PAD_DB = -100;

export interface TimbreNetJson {
  version: number;
  /** Mel bands × frames of the input, and the dB range kept below its loudest cell. */
  input: { bands: number; frames: number; rangeDb: number };
  /** Each followed by 2×2 max pooling. */
  convs: Conv3x3LayerJson[];
  /** Over the time-pooled features; ReLU between, the last gives one logit per class. */
  dense: DenseLayerJson[];
  classes: Category[];
  trainedOn: string;
}

export class TimbreNetError extends Error {}

/** Validates a parsed timbre-net.json; throws TimbreNetError saying what is wrong. */
export function parseTimbreNet(json: unknown): TimbreNetJson {
  const fail = (message: string): never => {
    throw new TimbreNetError(`invalid timbre network: ${message}`);
  };
  const net = (json ?? {}) as Partial<TimbreNetJson>;
  if (net.version !== TIMBRE_NET_VERSION) fail(`version ${String(net.version)} is not ${TIMBRE_NET_VERSION}`);
  const input = net.input;
  if (!input || input.bands !== MEL_BAND_COUNT || input.frames !== TIMBRE_FRAMES || !(input.rangeDb > 0)) fail(`input must be ${MEL_BAND_COUNT} bands × ${TIMBRE_FRAMES} frames with a positive dB range`);
  if (!Array.isArray(net.convs) || net.convs.length === 0) fail('convs must be a non-empty array');
  let channels = 1;
  let height = MEL_BAND_COUNT;
  let width = TIMBRE_FRAMES;
  for (const [l, layer] of (net.convs as unknown[]).entries()) {
    const problem = convLayerProblem(layer, channels);
    if (problem) fail(`conv ${l} ${problem}`);
    channels = (layer as Conv3x3LayerJson).outChannels;
    height = Math.floor(height / 2);
    width = Math.floor(width / 2);
  }
  if (height < 1 || width < 1) fail('too many pooling steps for the input');
  const denseProblem = layersProblem(net.dense, 2 * channels * height);
  if (denseProblem) fail(`dense ${denseProblem}`);
  const classes = net.classes;
  const dense = net.dense as DenseLayerJson[];
  if (!Array.isArray(classes) || classes.length !== CATEGORIES.length || CATEGORIES.some((c) => !classes.includes(c))) fail('classes must be the taxonomy\'s categories, each once');
  if (dense[dense.length - 1].weights.length !== CATEGORIES.length) fail('the last dense layer must give one logit per class');
  return net as TimbreNetJson;
}

/** The descriptor holding the network's log-probability of `category`. */
export function timbreDescriptorName(category: Category): string {
  return `timbre_net_${category}`;
}

export const TIMBRE_DESCRIPTOR_NAMES: readonly string[] = CATEGORIES.map(timbreDescriptorName);

/**
 * The network's input: log-mel dB of TIMBRE_FRAMES frames from `firstFrame`, band-major
 * (band · TIMBRE_FRAMES + frame), frames past the end at TIMBRE_PAD_DB.
 */
export function timbreInput(table: FrameTable, firstFrame: number): Float32Array {
  const mel = table.vectors.logMel;
  const input = new Float32Array(MEL_BAND_COUNT * TIMBRE_FRAMES).fill(TIMBRE_PAD_DB);
  const frames = Math.max(0, Math.min(TIMBRE_FRAMES, table.frameCount - firstFrame));
  for (let t = 0; t < frames; t++) {
    const row = (firstFrame + t) * MEL_BAND_COUNT;
    for (let band = 0; band < MEL_BAND_COUNT; band++) input[band * TIMBRE_FRAMES + t] = mel[row + band];
  }
  return input;
}

/**
 * Level-independent scaling: dB below the input's loudest cell, floored at -rangeDb, mapped to
 * 0..1 (0 = the floor), so a quiet and a loud take of one hit look the same.
 */
export function normaliseTimbreInput(input: Float32Array, rangeDb: number): Float32Array {
  let loudest = -Infinity;
  for (const value of input) if (value > loudest) loudest = value;
  const out = new Float32Array(input.length);
  for (let i = 0; i < input.length; i++) out[i] = Math.max(-rangeDb, Math.min(0, input[i] - loudest)) / rangeDb + 1;
  return out;
}

/** Log-probability per category (CATEGORIES order) for a timbreInput. */
export function timbreLogProbabilities(input: Float32Array, net: TimbreNetJson): Float64Array {
  let map: FeatureMap = { channels: 1, height: net.input.bands, width: net.input.frames, values: normaliseTimbreInput(input, net.input.rangeDb) };
  for (const layer of net.convs) map = maxPool2(conv3x3Relu(map, layer));
  const logits = mlpForward(poolOverWidth(map), net.dense);
  let largest = -Infinity;
  for (const logit of logits) largest = Math.max(largest, logit);
  let total = 0;
  for (const logit of logits) total += Math.exp(logit - largest);
  const logTotal = largest + Math.log(total);
  const out = new Float64Array(CATEGORIES.length);
  net.classes.forEach((category, c) => (out[CATEGORIES.indexOf(category)] = logits[c] - logTotal));
  return out;
}

/** The timbre descriptors of one input; without a network every category gets the same (uniform) value. */
export function timbreDescriptors(input: Float32Array, net: TimbreNetJson | null): Record<string, number> {
  const values: Record<string, number> = {};
  const logProbabilities = net ? timbreLogProbabilities(input, net) : new Float64Array(CATEGORIES.length).fill(-Math.log(CATEGORIES.length));
  CATEGORIES.forEach((category, c) => (values[timbreDescriptorName(category)] = logProbabilities[c]));
  return values;
}
