import type { SpectralFrame } from '../spectral-frame.js';

/** librosa-style onset strength: mean over mel bands of the rise in dB since the previous frame. */
export default function onsetStrength({ melDb, previousMelDb }: SpectralFrame): number {
  let rise = 0;
  for (let band = 0; band < melDb.length; band++) {
    const delta = melDb[band] - previousMelDb[band];
    if (delta > 0) rise += delta;
  }
  return rise / melDb.length;
}
