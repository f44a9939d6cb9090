// Dense layers as model files store them, and their forward pass: the network arithmetic that
// both a learned analysis extractor (analyse/timbre-net.ts) and the embedding (embed/mlp.ts) run,
// kept below both so neither imports the other.

/** One dense layer as the model file stores it: weights[out][in], bias[out]. */
export interface DenseLayerJson {
  weights: number[][];
  bias: number[];
}

/** Checks stacked layers chain from `inputWidth`; returns the problem or null. */
export function layersProblem(layers: unknown, inputWidth: number): string | null {
  if (!Array.isArray(layers) || layers.length === 0) return 'layers must be a non-empty array';
  let width = inputWidth;
  for (const [l, layer] of layers.entries()) {
    const { weights, bias } = (layer ?? {}) as Partial<DenseLayerJson>;
    if (!Array.isArray(weights) || weights.length === 0 || !Array.isArray(bias) || bias.length !== weights.length) return `layer ${l} must have weights rows and one bias per row`;
    for (const row of weights) {
      if (!Array.isArray(row) || row.length !== width || row.some((x) => typeof x !== 'number' || !Number.isFinite(x))) return `layer ${l} rows must hold ${width} finite numbers`;
    }
    if (bias.some((x) => typeof x !== 'number' || !Number.isFinite(x))) return `layer ${l} bias must be finite numbers`;
    width = weights.length;
  }
  return null;
}

/** Forward pass: ReLU after every layer but the last, whose raw output is returned. */
export function mlpForward(input: ArrayLike<number>, layers: readonly DenseLayerJson[]): Float64Array {
  let current = Float64Array.from(input);
  for (let l = 0; l < layers.length; l++) {
    const { weights, bias } = layers[l];
    const next = new Float64Array(weights.length);
    for (let o = 0; o < weights.length; o++) {
      const row = weights[o];
      let sum = bias[o];
      for (let i = 0; i < row.length; i++) sum += row[i] * current[i];
      next[o] = l < layers.length - 1 && sum < 0 ? 0 : sum;
    }
    current = next;
  }
  return current;
}
