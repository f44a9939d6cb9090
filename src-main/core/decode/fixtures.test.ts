// Files written by another program (SoX 14.4: a 1 kHz sine at half scale), so the readers are
// not only checked against our own writer; they also cover 24-bit/96 kHz and 8-channel FLAC,
// which no corpus file has. Regenerate with e.g.
//   sox -n -r 96000 -c 2 -b 24 sox-s24-96k-stereo.flac synth 0.05 sine 1000 vol 0.5
import { describe, expect, it } from 'vitest';
import type { FormatFacts } from '../../../src-shared/sample.js';
import { ANALYSIS_RATE, decodeAudio } from './index.js';
import { fixtureBytes } from './testing/read-bytes.js';

const fixtures: Array<[string, Omit<FormatFacts, 'durationSec'>, number]> = [
  ['sox-u8-44k-mono.wav', { container: 'wav', codec: 'pcm_u8', sampleRate: 44100, channels: 1, bitDepth: 8 }, 0.05],
  ['sox-s24-48k-stereo.wav', { container: 'wav', codec: 'pcm_s24', sampleRate: 48000, channels: 2, bitDepth: 24 }, 0.02],
  ['sox-f32-44k-mono.wav', { container: 'wav', codec: 'float32', sampleRate: 44100, channels: 1, bitDepth: 32 }, 0.02],
  ['sox-s16-96k-6ch.wav', { container: 'wav', codec: 'pcm_s16', sampleRate: 96000, channels: 6, bitDepth: 16 }, 0.01],
  ['sox-s16-44k-stereo.aiff', { container: 'aiff', codec: 'pcm_s16', sampleRate: 44100, channels: 2, bitDepth: 16 }, 0.02],
  ['sox-s24-22k-mono.aifc', { container: 'aiff', codec: 'pcm_s24', sampleRate: 22050, channels: 1, bitDepth: 24 }, 0.05],
  ['sox-f32-32k-mono.aifc', { container: 'aiff', codec: 'float32', sampleRate: 32000, channels: 1, bitDepth: 32 }, 0.05],
  ['sox-s24-96k-stereo.flac', { container: 'flac', codec: 'flac', sampleRate: 96000, channels: 2, bitDepth: 24 }, 0.05],
  ['sox-s16-48k-8ch.flac', { container: 'flac', codec: 'flac', sampleRate: 48000, channels: 8, bitDepth: 16 }, 0.02],
  ['sox-vorbis-22k-mono.ogg', { container: 'ogg', codec: 'vorbis', sampleRate: 22050, channels: 1, bitDepth: null }, 0.3],
];

function peakBetween(samples: Float32Array, from: number, to: number): number {
  let peak = 0;
  for (let i = from; i < to; i++) peak = Math.max(peak, Math.abs(samples[i]));
  return peak;
}

describe('files written by SoX', () => {
  it.each(fixtures)('%s', async (name, expectedFormat, durationSec) => {
    const bytes = fixtureBytes(name);
    const decoded = await decodeAudio(bytes, name);
    expect(decoded.format).toMatchObject(expectedFormat);
    expect(decoded.format.durationSec).toBeCloseTo(durationSec, 3);
    expect(decoded.partial).toBeNull();
    expect(decoded.sourcePeak).toBeGreaterThan(0.46);
    expect(decoded.sourcePeak).toBeLessThan(0.56); // Vorbis overshoots a little
    expect(Math.abs(decoded.dcOffset)).toBeLessThan(0.02);
    // After resampling the 1 kHz tone keeps its level away from the edges.
    const edge = Math.ceil(ANALYSIS_RATE * 0.002);
    expect(peakBetween(decoded.samples, edge, decoded.samples.length - edge)).toBeGreaterThan(0.46);
  });
});
