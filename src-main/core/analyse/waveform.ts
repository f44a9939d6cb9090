// The thumbnail a list row draws: peak |x| per bucket, 0..1.

export const WAVEFORM_BUCKETS = 200;
/**
 * Peaks are kept to 1/1000 of full scale: finer than a list row's pixel, and stored as JSON in
 * every catalogue row, where float32's 17 digits made the thumbnail 3.9 KB a sample (1.2 KB now).
 */
const PEAK_RESOLUTION = 1000;

export function peakWaveform(samples: Float32Array, bucketCount = WAVEFORM_BUCKETS): number[] {
  const peaks = new Array<number>(bucketCount).fill(0);
  if (samples.length === 0) return peaks;
  for (let b = 0; b < bucketCount; b++) {
    const start = Math.floor((b * samples.length) / bucketCount);
    // Clips shorter than the bucket count still get a value per bucket from their nearest sample.
    const end = Math.max(start + 1, Math.floor(((b + 1) * samples.length) / bucketCount));
    let peak = 0;
    for (let i = start; i < end && i < samples.length; i++) {
      const magnitude = Math.abs(samples[i]);
      if (magnitude > peak) peak = magnitude;
    }
    peaks[b] = peak > 1 ? 1 : peak === peak ? Math.round(peak * PEAK_RESOLUTION) / PEAK_RESOLUTION : 0;
  }
  return peaks;
}
