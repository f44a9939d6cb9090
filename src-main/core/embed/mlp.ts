// A small multilayer perceptron: inference (what embed() runs) and training (what scripts/train
// runs), in plain TypeScript so the app ships no ML runtime. Dense layers with ReLU between them;
// the last layer is linear and its output, L2-normalised, is the embedding. Training adds a cosine
// softmax head (logits = scale · W·û + b): optimising the angle to learned class proxies puts
// same-category sounds close in cosine distance, which is exactly what find-similar ranks by.
// Weights are flat Float64Arrays (out × in, row-major) while training; JSON holds nested arrays.

import type { DenseLayerJson } from '../nn/dense.js';

// ---- Training -------------------------------------------------------------------------------

export interface Dense {
  inSize: number;
  outSize: number;
  /** outSize × inSize, row-major. */
  w: Float64Array;
  b: Float64Array;
}

export interface MlpNet {
  /** Embedding layers: ReLU between, last one linear. */
  layers: Dense[];
  /** Cosine softmax head over the normalised embedding. */
  head: Dense;
  /** Logit scale of the cosine head (a temperature: higher = sharper classes). */
  scale: number;
}

function dense(inSize: number, outSize: number, random: () => number): Dense {
  // He initialisation (ReLU) from a seeded Box–Muller normal.
  const std = Math.sqrt(2 / inSize);
  const w = new Float64Array(inSize * outSize);
  for (let i = 0; i < w.length; i++) w[i] = gaussian(random) * std;
  return { inSize, outSize, w, b: new Float64Array(outSize) };
}

export function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function createNet(input: number, hidden: readonly number[], embedding: number, classes: number, scale: number, random: () => number): MlpNet {
  const sizes = [input, ...hidden, embedding];
  const layers = sizes.slice(1).map((out, l) => dense(sizes[l], out, random));
  return { layers, head: dense(embedding, classes, random), scale };
}

export interface StepOptions {
  /** Probability of zeroing each hidden unit (inverted dropout); 0 when evaluating. */
  dropout: number;
  /** Standard deviation of Gaussian noise added to the (standardised) input; 0 when evaluating. */
  inputNoise: number;
  random: () => number;
}

/** Gradients with the same shapes as a net. */
export interface Gradients {
  layers: Dense[];
  head: Dense;
}

export function zeroGradients(net: MlpNet): Gradients {
  const like = (d: Dense): Dense => ({ inSize: d.inSize, outSize: d.outSize, w: new Float64Array(d.w.length), b: new Float64Array(d.b.length) });
  return { layers: net.layers.map(like), head: like(net.head) };
}

function matVec(d: Dense, x: Float64Array): Float64Array {
  const out = new Float64Array(d.outSize);
  for (let o = 0; o < d.outSize; o++) {
    let sum = d.b[o];
    const base = o * d.inSize;
    for (let i = 0; i < d.inSize; i++) sum += d.w[base + i] * x[i];
    out[o] = sum;
  }
  return out;
}

/** Normalised embedding (unit vector) of one input under a training net, no dropout or noise. */
export function netEmbed(net: MlpNet, x: ArrayLike<number>): Float64Array {
  let a: Float64Array = Float64Array.from(x);
  for (let l = 0; l < net.layers.length; l++) {
    const pre = matVec(net.layers[l], a);
    if (l < net.layers.length - 1) for (let i = 0; i < pre.length; i++) if (pre[i] < 0) pre[i] = 0;
    a = pre;
  }
  let norm = 0;
  for (const v of a) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < a.length; i++) a[i] /= norm;
  return a;
}

/** Class probabilities of one input (softmax of the cosine head). */
export function netProbabilities(net: MlpNet, x: ArrayLike<number>): Float64Array {
  const u = netEmbed(net, x);
  const logits = matVec({ ...net.head, b: new Float64Array(net.head.outSize) }, u);
  for (let c = 0; c < logits.length; c++) logits[c] = net.scale * logits[c] + net.head.b[c];
  return softmax(logits);
}

function softmax(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let total = 0;
  const out = new Float64Array(logits.length);
  for (let c = 0; c < logits.length; c++) total += out[c] = Math.exp(logits[c] - max);
  for (let c = 0; c < out.length; c++) out[c] /= total;
  return out;
}

/**
 * Adds one example's cross-entropy gradient (times `weight`) into `grads`; returns its weighted loss.
 * Backprop through: dense → ReLU (→ dropout) … → dense → L2 normalise → scaled cosine head → softmax.
 */
export function accumulate(net: MlpNet, x: ArrayLike<number>, label: number, weight: number, grads: Gradients, options: StepOptions): number {
  const L = net.layers.length;
  const acts: Float64Array[] = [Float64Array.from(x)];
  if (options.inputNoise > 0) for (let i = 0; i < acts[0].length; i++) acts[0][i] += gaussian(options.random) * options.inputNoise;
  const masks: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    const pre = matVec(net.layers[l], acts[l]);
    if (l < L - 1) {
      // ReLU, then inverted dropout; the mask keeps the ReLU gate and the dropout factor together.
      const mask = new Float64Array(pre.length);
      for (let i = 0; i < pre.length; i++) {
        const kept = options.dropout > 0 ? (options.random() >= options.dropout ? 1 / (1 - options.dropout) : 0) : 1;
        mask[i] = pre[i] > 0 ? kept : 0;
        pre[i] *= mask[i];
      }
      masks.push(mask);
    }
    acts.push(pre);
  }
  const e = acts[L];
  let norm = 0;
  for (const v of e) norm += v * v;
  norm = Math.sqrt(norm) || 1e-12;
  const u = e.map((v) => v / norm);
  const head = net.head;
  const logits = new Float64Array(head.outSize);
  for (let c = 0; c < head.outSize; c++) {
    let sum = 0;
    for (let i = 0; i < head.inSize; i++) sum += head.w[c * head.inSize + i] * u[i];
    logits[c] = net.scale * sum + head.b[c];
  }
  const p = softmax(logits);
  const loss = -Math.log(Math.max(p[label], 1e-300)) * weight;
  // d loss / d logits = p - onehot.
  const g = p.map((v, c) => (v - (c === label ? 1 : 0)) * weight);
  const du = new Float64Array(head.inSize);
  for (let c = 0; c < head.outSize; c++) {
    const base = c * head.inSize;
    grads.head.b[c] += g[c];
    for (let i = 0; i < head.inSize; i++) {
      grads.head.w[base + i] += g[c] * net.scale * u[i];
      du[i] += g[c] * net.scale * head.w[base + i];
    }
  }
  // Through u = e/|e|: de = (du − u (u·du)) / |e|.
  let dot = 0;
  for (let i = 0; i < u.length; i++) dot += u[i] * du[i];
  let delta: Float64Array = du.map((v, i) => (v - u[i] * dot) / norm);
  for (let l = L - 1; l >= 0; l--) {
    const layer = net.layers[l];
    const grad = grads.layers[l];
    const input = acts[l];
    const back = l > 0 ? new Float64Array(layer.inSize) : null;
    for (let o = 0; o < layer.outSize; o++) {
      const d = delta[o];
      if (d === 0) continue;
      grad.b[o] += d;
      const base = o * layer.inSize;
      for (let i = 0; i < layer.inSize; i++) {
        grad.w[base + i] += d * input[i];
        if (back) back[i] += d * layer.w[base + i];
      }
    }
    if (back) {
      const mask = masks[l - 1];
      for (let i = 0; i < back.length; i++) back[i] *= mask[i];
      delta = back;
    }
  }
  return loss;
}

export interface MlpTrainingOptions {
  hidden: number[];
  embedding: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Decoupled (AdamW) weight decay on weights, not biases. */
  weightDecay: number;
  dropout: number;
  inputNoise: number;
  scale: number;
  seed: number;
}

/** Adam moments for every parameter array, in a fixed order. */
function parameterArrays(net: MlpNet | Gradients): Float64Array[] {
  return [...net.layers.flatMap((d) => [d.w, d.b]), net.head.w, net.head.b];
}

/**
 * Trains on rows `x` with class indices `y` (0..classes−1). Batches are class-balanced (each slot
 * draws a class uniformly, then an example of it), so small classes (clap) count as much as big
 * ones (perc). Learning rate follows a cosine decay to zero. Deterministic for a given seed.
 */
export function trainMlp(x: readonly ArrayLike<number>[], y: readonly number[], classes: number, options: MlpTrainingOptions, random: () => number, onEpoch?: (epoch: number, loss: number) => void): MlpNet {
  const net = createNet(x[0].length, options.hidden, options.embedding, classes, options.scale, random);
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  y.forEach((c, i) => byClass[c].push(i));
  const present = byClass.map((members, c) => (members.length > 0 ? c : -1)).filter((c) => c >= 0);
  const params = parameterArrays(net);
  const isWeight = params.map((_, k) => k % 2 === 0);
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const stepsPerEpoch = Math.max(1, Math.ceil(x.length / options.batchSize));
  const totalSteps = stepsPerEpoch * options.epochs;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const step: StepOptions = { dropout: options.dropout, inputNoise: options.inputNoise, random };
  let t = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    let epochLoss = 0;
    for (let s = 0; s < stepsPerEpoch; s++) {
      const grads = zeroGradients(net);
      for (let b = 0; b < options.batchSize; b++) {
        const c = present[Math.floor(random() * present.length)];
        const members = byClass[c];
        const i = members[Math.floor(random() * members.length)];
        epochLoss += accumulate(net, x[i], c, 1 / options.batchSize, grads, step);
      }
      t++;
      const lr = options.learningRate * 0.5 * (1 + Math.cos((Math.PI * (t - 1)) / totalSteps));
      const gradArrays = parameterArrays(grads);
      for (let k = 0; k < params.length; k++) {
        const p = params[k];
        const g = gradArrays[k];
        const mk = m[k];
        const vk = v[k];
        for (let j = 0; j < p.length; j++) {
          mk[j] = beta1 * mk[j] + (1 - beta1) * g[j];
          vk[j] = beta2 * vk[j] + (1 - beta2) * g[j] * g[j];
          const mHat = mk[j] / (1 - beta1 ** t);
          const vHat = vk[j] / (1 - beta2 ** t);
          p[j] -= lr * (mHat / (Math.sqrt(vHat) + 1e-8) + (isWeight[k] ? options.weightDecay * p[j] : 0));
        }
      }
    }
    onEpoch?.(epoch, epochLoss / stepsPerEpoch);
  }
  return net;
}

/** JSON layers (rounded to `digits` significant digits, which keeps the file small and changes no ranking). */
export function denseToJson(d: Dense, digits = 6): DenseLayerJson {
  const round = (value: number) => Number(value.toPrecision(digits));
  const weights = Array.from({ length: d.outSize }, (_, o) => Array.from(d.w.subarray(o * d.inSize, (o + 1) * d.inSize), round));
  return { weights, bias: Array.from(d.b, round) };
}
