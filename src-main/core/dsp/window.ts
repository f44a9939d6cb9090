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

/**
 * Starts of up to `maxWindows` windows of `span` samples spread evenly over [regionStart, regionEnd)
 * of a `length`-sample signal, overlapping by half at most, and kept inside the signal where it is
 * long enough: where a sound is measured at a few moments of its sustain (pitch, partials).
 */
export function spreadWindowStarts(length: number, regionStart: number, regionEnd: number, span: number, maxWindows: number): number[] {
  const firstStart = Math.max(0, Math.min(regionStart, length - span));
  const lastStart = Math.max(firstStart, Math.min(regionEnd, length) - span);
  const count = Math.min(maxWindows, 1 + Math.floor((lastStart - firstStart) / (span / 2)));
  return Array.from({ length: count }, (_, w) => (count > 1 ? Math.round(firstStart + ((lastStart - firstStart) * w) / (count - 1)) : firstStart));
}
