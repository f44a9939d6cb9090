// Reads the 16-bit PCM WAV files fluidsynth/timidity write and writes mono 16-bit slices back.

export interface PcmAudio {
  sampleRate: number;
  /** One Float32Array per channel, values in [-1, 1]. */
  channels: Float32Array[];
}

export function readWav(bytes: Uint8Array): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let offset = 12;
  let channelCount = 0;
  let sampleRate = 0;
  let bitsPerSample = 0;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    // Renderers writing to a pipe may leave the size at 0 or 0xffffffff: read to the end then.
    let size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      channelCount = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bitsPerSample = view.getUint16(body + 14, true);
    } else if (id === 'data') {
      if (bitsPerSample !== 16) throw new Error(`unsupported WAV sample size ${bitsPerSample}`);
      if (size === 0 || body + size > bytes.length) size = bytes.length - body;
      const frames = Math.floor(size / (2 * channelCount));
      const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
      for (let frame = 0; frame < frames; frame++) {
        for (let c = 0; c < channelCount; c++) {
          channels[c][frame] = view.getInt16(body + (frame * channelCount + c) * 2, true) / 32768;
        }
      }
      return { sampleRate, channels };
    }
    offset = body + size + (size & 1);
  }
  throw new Error('WAV file has no data chunk');
}

export function writeMonoWav(samples: Float32Array, sampleRate: number): Uint8Array {
  const dataSize = samples.length * 2;
  const bytes = new Uint8Array(44 + dataSize);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataSize, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataSize, true);
  for (let i = 0; i < samples.length; i++) {
    const clamped = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + i * 2, Math.round(clamped * 32767), true);
  }
  return bytes;
}

/** Mixes channels to mono by averaging. */
export function toMono(audio: PcmAudio): Float32Array {
  const [first, ...rest] = audio.channels;
  if (rest.length === 0) return first;
  const mono = new Float32Array(first.length);
  for (const channel of audio.channels) for (let i = 0; i < mono.length; i++) mono[i] += channel[i] / audio.channels.length;
  return mono;
}

/**
 * Cuts leading and trailing silence (below `thresholdDb` relative to the peak) the way sample packs
 * ship one-shots: starting at the transient, ending when the tail has died away, with a short fade.
 */
export function trimSilence(samples: Float32Array, sampleRate: number, thresholdDb = -60): Float32Array {
  let peak = 0;
  for (const value of samples) peak = Math.max(peak, Math.abs(value));
  if (peak === 0) return samples.subarray(0, 0);
  const threshold = peak * 10 ** (thresholdDb / 20);
  let start = 0;
  while (start < samples.length && Math.abs(samples[start]) < threshold) start++;
  let end = samples.length - 1;
  while (end > start && Math.abs(samples[end]) < threshold) end--;
  const preRoll = Math.round(0.002 * sampleRate);
  const trimmed = samples.slice(Math.max(0, start - preRoll), end + 1);
  const fade = Math.min(trimmed.length, Math.round(0.01 * sampleRate));
  for (let i = 0; i < fade; i++) trimmed[trimmed.length - 1 - i] *= i / fade;
  return trimmed;
}
