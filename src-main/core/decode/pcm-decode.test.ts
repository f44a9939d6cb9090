// WAV and AIFF fast path: every sample format round-trips through the test writers, at every rate
// and channel count a sample library holds, and damaged headers give clear reasons.
import { describe, expect, it } from 'vitest';
import { ANALYSIS_RATE, decodeAudio, DecodeError } from './index.js';
import { encodeAiff, encodeWav, type PcmWriteFormat } from './testing/write-pcm.js';

const FORMATS: PcmWriteFormat[] = ['pcm8', 'pcm16', 'pcm24', 'pcm32', 'float32', 'float64'];
/** Largest error a format allows on a value in [-1, 1]: rounding plus the writer scaling by 2^(n-1)-1 and the reader by 2^(n-1). */
const TOLERANCE: Record<PcmWriteFormat, number> = { pcm8: 1 / 60, pcm16: 1 / 16000, pcm24: 1e-6, pcm32: 1e-6, float32: 1e-7, float64: 1e-7 };

/** Distinct, recognisable content per channel: a ramp plus a channel-specific offset. */
function testChannels(channelCount: number, frames: number): Float32Array[] {
  return Array.from({ length: channelCount }, (_, channel) => {
    const data = new Float32Array(frames);
    for (let i = 0; i < frames; i++) data[i] = Math.sin(i * 0.05 * (channel + 1)) * 0.8 - 0.1 * (channel % 2);
    return data;
  });
}

function expectedMono(channels: Float32Array[]): Float32Array {
  const mono = new Float32Array(channels[0].length);
  for (const channel of channels) for (let i = 0; i < mono.length; i++) mono[i] += channel[i] / channels.length;
  return mono;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

async function decodeError(bytes: Uint8Array, name = 'x.wav'): Promise<DecodeError> {
  const error = await decodeAudio(bytes, name).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DecodeError);
  return error as DecodeError;
}

describe('WAV and AIFF round trip', () => {
  const channels = testChannels(2, 2205);
  const identity = { targetRate: 22050 };

  it.each(FORMATS.flatMap((format) => [false, true].map((extensible) => [format, extensible] as const)))('WAV %s (extensible %s)', async (format, extensible) => {
    const decoded = await decodeAudio(encodeWav({ channels, sampleRate: 22050, format, extensible }), 'a.wav', identity);
    expect(decoded.format).toMatchObject({ container: 'wav', sampleRate: 22050, channels: 2, durationSec: 0.1 });
    expect(decoded.partial).toBeNull();
    expect(decoded.samples.length).toBe(2205);
    expect(maxDifference(decoded.samples, expectedMono(channels))).toBeLessThan(TOLERANCE[format]);
  });

  it('names WAV codecs and bit depths', async () => {
    const names = await Promise.all(FORMATS.map(async (format) => (await decodeAudio(encodeWav({ channels, sampleRate: 22050, format }), 'a.wav')).format));
    expect(names.map(({ codec, bitDepth }) => `${codec}/${bitDepth}`)).toEqual(['pcm_u8/8', 'pcm_s16/16', 'pcm_s24/24', 'pcm_s32/32', 'float32/32', 'float64/64']);
  });

  const aiffCases: Array<[PcmWriteFormat, 'NONE' | 'sowt' | 'fl32' | 'fl64' | undefined]> = [
    ['pcm8', undefined],
    ['pcm16', undefined],
    ['pcm24', undefined],
    ['pcm32', undefined],
    ['pcm16', 'NONE'],
    ['pcm16', 'sowt'],
    ['pcm24', 'sowt'],
    ['float32', 'fl32'],
    ['float64', 'fl64'],
  ];
  it.each(aiffCases)('AIFF %s (aifc %s)', async (format, aifc) => {
    const decoded = await decodeAudio(encodeAiff({ channels, sampleRate: 22050, format, aifc }), 'a.aif', identity);
    expect(decoded.format).toMatchObject({ container: 'aiff', sampleRate: 22050, channels: 2 });
    expect(decoded.format.durationSec).toBeCloseTo(0.1, 9);
    expect(decoded.samples.length).toBe(2205);
    expect(maxDifference(decoded.samples, expectedMono(channels))).toBeLessThan(TOLERANCE[format]);
  });

  it.each([8000, 11025, 16000, 22050, 32000, 44100, 48000, 88200, 96000, 176400, 192000])('reads the sample rate %i Hz (WAV and AIFF extended float)', async (sampleRate) => {
    const tone = [new Float32Array(sampleRate / 10).map((_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / sampleRate))];
    for (const bytes of [encodeWav({ channels: tone, sampleRate, format: 'pcm16' }), encodeAiff({ channels: tone, sampleRate, format: 'pcm16' })]) {
      const decoded = await decodeAudio(bytes, 'tone');
      expect(decoded.format.sampleRate).toBe(sampleRate);
      expect(decoded.sampleRate).toBe(ANALYSIS_RATE);
      expect(decoded.samples.length).toBe(Math.round((tone[0].length * ANALYSIS_RATE) / sampleRate));
      expect(decoded.sourcePeak).toBeGreaterThan(0.49);
    }
  });

  it.each([1, 2, 6, 8])('averages %i channels to mono', async (channelCount) => {
    const many = testChannels(channelCount, 441);
    for (const bytes of [encodeWav({ channels: many, sampleRate: 22050, format: 'float32', extensible: true }), encodeAiff({ channels: many, sampleRate: 22050, format: 'pcm24' })]) {
      const decoded = await decodeAudio(bytes, 'multi', identity);
      expect(decoded.format.channels).toBe(channelCount);
      expect(maxDifference(decoded.samples, expectedMono(many))).toBeLessThan(1e-5);
    }
  });
});

describe('WAV and AIFF window and signal facts', () => {
  it('converts only the analysis window of a long file and keeps its full duration', async () => {
    const long = [new Float32Array(8000 * 120).fill(0.1)];
    const decoded = await decodeAudio(encodeWav({ channels: long, sampleRate: 8000, format: 'pcm16' }), 'long.wav', { maxAnalysisSec: 30 });
    expect(decoded.windowed).toBe(true);
    expect(decoded.format.durationSec).toBe(120);
    expect(decoded.samples.length).toBe(30 * ANALYSIS_RATE);
    const short = await decodeAudio(encodeWav({ channels: [new Float32Array(800)], sampleRate: 8000, format: 'pcm16' }), 's.wav');
    expect(short.windowed).toBe(false);
  });

  it('measures peak, DC offset and clipped runs at the native rate', async () => {
    const data = new Float32Array(1000).fill(0.25);
    data.fill(1, 100, 110); // a 10-sample flat top
    data[500] = -1; // a lone full-scale sample is not clipping
    const decoded = await decodeAudio(encodeWav({ channels: [data], sampleRate: 44100, format: 'float32' }), 'c.wav');
    expect(decoded.sourcePeak).toBe(1);
    expect(decoded.clippedFraction).toBeCloseTo(10 / 1000, 9);
    expect(decoded.dcOffset).toBeCloseTo((0.25 * 989 + 10 - 1) / 1000, 6);
  });

  it('counts NaN and Infinity samples and replaces them with 0', async () => {
    const data = new Float32Array(100).fill(0.5);
    data[3] = Number.NaN;
    data[50] = Number.POSITIVE_INFINITY;
    data[51] = Number.NEGATIVE_INFINITY;
    const decoded = await decodeAudio(encodeWav({ channels: [data], sampleRate: 22050, format: 'float64' }), 'nan.wav');
    expect(decoded.nonFiniteSamples).toBe(3);
    expect(decoded.samples.every(Number.isFinite)).toBe(true);
    expect(decoded.sourcePeak).toBe(0.5);
  });

  it('decodes a 10-sample file', async () => {
    const decoded = await decodeAudio(encodeWav({ channels: [new Float32Array(10).fill(0.3)], sampleRate: 44100, format: 'pcm16' }), 'tiny.wav');
    expect(decoded.samples.length).toBe(5);
    expect(decoded.format.durationSec).toBeCloseTo(10 / 44100, 12);
  });
});

/** Overwrites bytes of a copy. */
function patched(bytes: Uint8Array, offset: number, values: number[]): Uint8Array {
  const copy = bytes.slice();
  copy.set(values, offset);
  return copy;
}

describe('WAV and AIFF damage', () => {
  const wav = encodeWav({ channels: testChannels(2, 1000), sampleRate: 44100, format: 'pcm16' });
  const aiff = encodeAiff({ channels: testChannels(2, 1000), sampleRate: 44100, format: 'pcm16' });

  it('decodes what is there when the data chunk is cut short, and says so', async () => {
    const decoded = await decodeAudio(wav.subarray(0, 44 + 400 * 4 + 3), 'cut.wav');
    expect(decoded.partial).toMatch(/truncated: 400 of 1000 frames/);
    expect(decoded.format.durationSec).toBeCloseTo(400 / 44100, 9);
    const cutAiff = await decodeAudio(aiff.subarray(0, aiff.length - 600 * 4), 'cut.aif');
    expect(cutAiff.partial).toMatch(/truncated: 400 of 1000 frames/);
  });

  it('reads a data chunk that follows an odd-sized chunk padded to even length', async () => {
    const plain = encodeWav({ channels: [new Float32Array([0.5, -0.5, 0.25])], sampleRate: 22050, format: 'pcm16' });
    const junk = [...'junk'].map((c) => c.charCodeAt(0)).concat([3, 0, 0, 0, 1, 2, 3, 0]); // 3-byte body + pad byte
    const bytes = new Uint8Array(plain.length + junk.length);
    bytes.set(plain.subarray(0, 36));
    bytes.set(junk, 36);
    bytes.set(plain.subarray(36), 36 + junk.length);
    const decoded = await decodeAudio(bytes, 'padded.wav', { targetRate: 22050 });
    expect(Array.from(decoded.samples)).toEqual([0.5, -0.5, 0.25].map((v) => Math.round(v * 32767) / 32768).map(Math.fround));
  });

  it('reads RF64 (64-bit sizes in a ds64 chunk, placeholder sizes elsewhere)', async () => {
    const plain = encodeWav({ channels: testChannels(1, 500), sampleRate: 44100, format: 'pcm16' });
    const dataSize = 500 * 2;
    const ds64 = new Uint8Array(8 + 28);
    const ds64View = new DataView(ds64.buffer);
    ds64.set([...'ds64'].map((c) => c.charCodeAt(0)));
    ds64View.setUint32(4, 28, true);
    ds64View.setUint32(8, plain.length + ds64.length - 8, true);
    ds64View.setUint32(16, dataSize, true);
    ds64View.setUint32(24, 500, true);
    const rf64 = new Uint8Array(plain.length + ds64.length);
    rf64.set(plain.subarray(0, 12));
    rf64.set(ds64, 12);
    rf64.set(plain.subarray(12), 12 + ds64.length);
    rf64.set([...'RF64'].map((c) => c.charCodeAt(0)));
    const view = new DataView(rf64.buffer);
    view.setUint32(4, 0xffffffff, true);
    view.setUint32(12 + ds64.length + 8 + 16 + 4, 0xffffffff, true); // data chunk size
    const decoded = await decodeAudio(rf64, 'big.wav', { targetRate: 44100 });
    expect(decoded.format).toMatchObject({ container: 'wav', codec: 'pcm_s16', durationSec: 500 / 44100 });
    expect(decoded.partial).toBeNull();
    expect(decoded.samples.length).toBe(500);
  });

  it('gives distinct reasons for each kind of broken header', async () => {
    const headerOnly = wav.subarray(0, 36);
    const zeroFrames = encodeWav({ channels: [new Float32Array(0)], sampleRate: 44100, format: 'pcm16' });
    const zeroChannels = patched(wav, 22, [0, 0]);
    const zeroRate = patched(wav, 24, [0, 0, 0, 0]);
    const absurdRate = patched(wav, 24, [0xff, 0xff, 0xff, 0x7f]);
    const muLaw = patched(wav, 20, [7, 0]);
    const dataBeforeFmt = wav.slice();
    dataBeforeFmt.set([...'data'].map((c) => c.charCodeAt(0)), 12);
    const reasons = [
      (await decodeError(headerOnly)).message,
      (await decodeError(zeroFrames)).message,
      (await decodeError(zeroChannels)).message,
      (await decodeError(zeroRate)).message,
      (await decodeError(absurdRate)).message,
      (await decodeError(muLaw)).message,
      (await decodeError(dataBeforeFmt)).message,
      (await decodeError(aiff.subarray(0, 12), 'x.aif')).message,
      (await decodeError(patched(aiff, 20, [0, 0]), 'x.aif')).message,
      (await decodeError(patched(aiff, 28, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 'x.aif')).message,
    ];
    expect(reasons).toEqual([
      'WAV file has a header but no data chunk (no audio)',
      'WAV file has a data chunk with no audio frames',
      'WAV header declares zero channels (damaged header)',
      'WAV header gives a sample rate of 0 Hz (damaged header)',
      'WAV header gives an implausible sample rate of 2147483647 Hz',
      'WAV encoding µ-law (0x0007) is not supported; only PCM and float',
      'WAV data chunk comes before any fmt chunk (damaged header)',
      'AIFF file has no COMM chunk (header missing or damaged)',
      'AIFF header declares zero channels (damaged header)',
      'AIFF header gives a sample rate of 0 Hz (damaged header)',
    ]);
  });

  it('never allocates from a header size: a data chunk claiming 4 GB in a tiny file decodes what is there', async () => {
    const lying = patched(wav, 40, [0xfe, 0xff, 0xff, 0xff]);
    const decoded = await decodeAudio(lying, 'lying.wav');
    expect(decoded.format.durationSec).toBeCloseTo(1000 / 44100, 9);
    expect(decoded.partial).toMatch(/truncated/);
  });
});
