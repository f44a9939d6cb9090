// Analysis windows, built once per size and shared (they are read-only after construction).

const hannBySize = new Map<number, Float64Array>();

/**
 * Periodic Hann window (the STFT convention of librosa/scipy `hann(N, sym=False)`): its
 * hop-N/4 overlaps sum to a constant, unlike the symmetric window Meyda uses for single frames.
 * Returned arrays are cached: callers must not write to them.
 */
export function hannWindow(size: number): Float64Array {
  let window = hannBySize.get(size);
  if (!window) {
    window = new Float64Array(size);
    for (let i = 0; i < size; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
    hannBySize.set(size, window);
  }
  return window;
}
