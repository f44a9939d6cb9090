// Facts about the decoded window measured at the native rate before downmixing, where clipping
// and peaks are still what the file holds (resampling smears flat tops and overshoots).

export interface SignalFacts {
  /** Largest |x| over all channels. */
  sourcePeak: number;
  /** Fraction of all samples lying in runs of at least CLIP_RUN consecutive |x| >= CLIP_LEVEL. */
  clippedFraction: number;
  /** Mean of the mono (channel-average) signal. */
  dcOffset: number;
  /** NaN/±Infinity samples found; they are set to 0 in place. */
  nonFiniteSamples: number;
}

const CLIP_LEVEL = 0.999;
/** One or two samples at full scale happen in healthy audio; three in a row is a flat top. */
const CLIP_RUN = 3;

/** Measures `channels` and zeroes their non-finite samples in place. */
export function measureAndSanitise(channels: Float32Array[]): SignalFacts {
  let peak = 0;
  let clippedSamples = 0;
  let nonFinite = 0;
  let sum = 0;
  let sampleCount = 0;
  for (const channel of channels) {
    let run = 0;
    for (let i = 0; i < channel.length; i++) {
      let value = channel[i];
      if (!Number.isFinite(value)) {
        nonFinite++;
        value = 0;
        channel[i] = 0;
      }
      sum += value;
      const magnitude = Math.abs(value);
      if (magnitude > peak) peak = magnitude;
      if (magnitude >= CLIP_LEVEL) {
        run++;
      } else {
        if (run >= CLIP_RUN) clippedSamples += run;
        run = 0;
      }
    }
    if (run >= CLIP_RUN) clippedSamples += run;
    sampleCount += channel.length;
  }
  return {
    sourcePeak: peak,
    clippedFraction: sampleCount > 0 ? clippedSamples / sampleCount : 0,
    // The mean of the channel average equals the mean over all samples when channels are equally long.
    dcOffset: sampleCount > 0 ? sum / sampleCount : 0,
    nonFiniteSamples: nonFinite,
  };
}

/** Channel average; returns the only channel itself for mono. */
export function downmixToMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const frames = channels[0]?.length ?? 0;
  const mono = new Float32Array(frames);
  // Scale before summing: finite but huge float samples (garbage bytes read as float32) would
  // overflow a float32 sum to Infinity; an average of scaled finite values never does (fuzz case).
  const scale = 1 / channels.length;
  if (channels.length === 2) {
    // Stereo, nearly every multichannel file: one pass instead of two, and the same float32
    // values (halving is exact, so rounding once equals rounding the scaled partial sum).
    const [left, right] = channels;
    for (let i = 0; i < frames; i++) mono[i] = left[i] * scale + right[i] * scale;
    return mono;
  }
  for (const channel of channels) {
    for (let i = 0; i < frames; i++) mono[i] += channel[i] * scale;
  }
  return mono;
}
