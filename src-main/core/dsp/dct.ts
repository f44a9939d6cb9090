// DCT-II as a precomputed matrix (13 × 40 for MFCCs: cheaper than any fast transform at that size).

/**
 * Orthonormal DCT-II rows (scipy `dct(type=2, norm='ortho')`, librosa's MFCC convention):
 * row k holds s_k·cos(π/N·(n + ½)·k) with s_0 = √(1/N), s_k = √(2/N).
 */
export function createDctMatrix(inputCount: number, outputCount: number): Float64Array {
  const matrix = new Float64Array(inputCount * outputCount);
  for (let k = 0; k < outputCount; k++) {
    const scale = k === 0 ? Math.sqrt(1 / inputCount) : Math.sqrt(2 / inputCount);
    for (let n = 0; n < inputCount; n++) {
      matrix[k * inputCount + n] = scale * Math.cos((Math.PI / inputCount) * (n + 0.5) * k);
    }
  }
  return matrix;
}

/** out[k] = Σ_n matrix[k][n]·input[n]. */
export function applyDct(matrix: Float64Array, input: Float64Array, out: Float64Array, outputCount: number): void {
  const inputCount = input.length;
  for (let k = 0; k < outputCount; k++) {
    let sum = 0;
    const row = k * inputCount;
    for (let n = 0; n < inputCount; n++) sum += matrix[row + n] * input[n];
    out[k] = sum;
  }
}
