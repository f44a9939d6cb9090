// Minimal WAV and AIFF writers for tests: generate edge-case audio in code instead of committing
// fixtures. Pure; samples are floats in [-1, 1] (clamped for integer formats).

export type PcmWriteFormat = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

export interface WavWriteOptions {
  /** One array per channel, all the same length. */
  channels: Float32Array[];
  sampleRate: number;
  format: PcmWriteFormat;
  /** Write WAVE_FORMAT_EXTENSIBLE with a PCM/float subformat GUID instead of a plain fmt chunk. */
  extensible?: boolean;
}

export interface AiffWriteOptions {
  channels: Float32Array[];
  sampleRate: number;
  /** Plain AIFF supports pcm8..pcm32; float formats need `aifc: 'fl32'` (or fl64 via format float64). */
  format: PcmWriteFormat;
  /** Write AIFF-C with this compression type: `NONE` (big-endian), `sowt` (little-endian), `fl32`/`fl64` (float). */
  aifc?: 'NONE' | 'sowt' | 'fl32' | 'fl64';
}

const BYTES_PER_SAMPLE: Record<PcmWriteFormat, number> = { pcm8: 1, pcm16: 2, pcm24: 3, pcm32: 4, float32: 4, float64: 8 };

function frameCountOf(channels: Float32Array[]): number {
  const frames = channels[0]?.length ?? 0;
  if (channels.some((channel) => channel.length !== frames)) throw new RangeError('all channels must have the same length');
  return frames;
}

function clampUnit(value: number): number {
  return value > 1 ? 1 : value < -1 ? -1 : value;
}

/**
 * Writes one sample. Integer formats scale by 2^(bits-1) - 1 (so ±1 maps to the extremes, not
 * past them); 8-bit is unsigned in WAV and signed in AIFF.
 */
function writeSample(view: DataView, offset: number, value: number, format: PcmWriteFormat, littleEndian: boolean, unsigned8: boolean): void {
  switch (format) {
    case 'pcm8': {
      const integer = Math.round(clampUnit(value) * 127);
      view.setUint8(offset, unsigned8 ? integer + 128 : integer & 0xff);
      return;
    }
    case 'pcm16':
      view.setInt16(offset, Math.round(clampUnit(value) * 32767), littleEndian);
      return;
    case 'pcm24': {
      const integer = Math.round(clampUnit(value) * 8388607);
      const [first, middle, last] = [integer & 0xff, (integer >> 8) & 0xff, (integer >> 16) & 0xff];
      view.setUint8(offset, littleEndian ? first : last);
      view.setUint8(offset + 1, middle);
      view.setUint8(offset + 2, littleEndian ? last : first);
      return;
    }
    case 'pcm32':
      view.setInt32(offset, Math.round(clampUnit(value) * 2147483647), littleEndian);
      return;
    case 'float32':
      view.setFloat32(offset, value, littleEndian);
      return;
    case 'float64':
      view.setFloat64(offset, value, littleEndian);
      return;
  }
}

function writeAscii(bytes: Uint8Array, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
}

const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

export function encodeWav({ channels, sampleRate, format, extensible = false }: WavWriteOptions): Uint8Array {
  const frames = frameCountOf(channels);
  const channelCount = channels.length;
  const bytesPerSample = BYTES_PER_SAMPLE[format];
  const isFloat = format === 'float32' || format === 'float64';
  const fmtSize = extensible ? 40 : isFloat ? 18 : 16;
  const dataSize = frames * channelCount * bytesPerSample;
  const dataPad = dataSize % 2;
  const total = 12 + 8 + fmtSize + 8 + dataSize + dataPad;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);

  writeAscii(bytes, 0, 'RIFF');
  view.setUint32(4, total - 8, true);
  writeAscii(bytes, 8, 'WAVE');
  writeAscii(bytes, 12, 'fmt ');
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, extensible ? 0xfffe : isFloat ? 3 : 1, true);
  view.setUint16(22, channelCount, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channelCount * bytesPerSample, true);
  view.setUint16(32, channelCount * bytesPerSample, true);
  view.setUint16(34, bytesPerSample * 8, true);
  if (extensible) {
    view.setUint16(36, 22, true);
    view.setUint16(38, bytesPerSample * 8, true);
    view.setUint32(40, channelCount <= 2 ? (1 << channelCount) - 1 : 0, true);
    view.setUint16(44, isFloat ? 3 : 1, true);
    bytes.set(GUID_TAIL, 46);
  } else if (isFloat) {
    view.setUint16(36, 0, true);
  }
  const dataHeader = 12 + 8 + fmtSize;
  writeAscii(bytes, dataHeader, 'data');
  view.setUint32(dataHeader + 4, dataSize, true);
  let offset = dataHeader + 8;
  for (let frame = 0; frame < frames; frame++) {
    for (let channel = 0; channel < channelCount; channel++) {
      writeSample(view, offset, channels[channel][frame], format, true, true);
      offset += bytesPerSample;
    }
  }
  return bytes;
}

/** 80-bit IEEE 754 extended precision, big-endian, as AIFF stores its sample rate. */
function writeExtended(view: DataView, offset: number, value: number): void {
  if (value <= 0 || !Number.isFinite(value)) {
    for (let i = 0; i < 10; i++) view.setUint8(offset + i, 0);
    return;
  }
  const exponent = Math.floor(Math.log2(value));
  const mantissa = value / 2 ** exponent; // in [1, 2)
  view.setUint16(offset, exponent + 16383, false);
  const high = Math.floor(mantissa * 2 ** 31);
  const low = Math.floor((mantissa * 2 ** 31 - high) * 2 ** 32);
  view.setUint32(offset + 2, high, false);
  view.setUint32(offset + 6, low, false);
}

export function encodeAiff({ channels, sampleRate, format, aifc }: AiffWriteOptions): Uint8Array {
  const frames = frameCountOf(channels);
  const channelCount = channels.length;
  const isFloat = format === 'float32' || format === 'float64';
  if (isFloat !== (aifc === 'fl32' || aifc === 'fl64')) throw new RangeError('float AIFF needs aifc fl32/fl64, and only float formats may use them');
  if ((aifc === 'fl32' && format !== 'float32') || (aifc === 'fl64' && format !== 'float64')) throw new RangeError(`aifc ${aifc} does not match ${format}`);
  const bytesPerSample = BYTES_PER_SAMPLE[format];
  const littleEndian = aifc === 'sowt';
  const compressionName = aifc === undefined ? '' : 'not compressed';
  // AIFC COMM: 18 bytes + compression type + Pascal string padded to even length.
  const pascalLength = 1 + compressionName.length + ((1 + compressionName.length) % 2);
  const commSize = aifc === undefined ? 18 : 18 + 4 + pascalLength;
  const fverSize = aifc === undefined ? 0 : 8 + 4;
  const dataSize = frames * channelCount * bytesPerSample;
  const ssndSize = 8 + dataSize;
  const total = 12 + fverSize + 8 + commSize + 8 + ssndSize + (ssndSize % 2);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);

  writeAscii(bytes, 0, 'FORM');
  view.setUint32(4, total - 8, false);
  writeAscii(bytes, 8, aifc === undefined ? 'AIFF' : 'AIFC');
  let offset = 12;
  if (aifc !== undefined) {
    writeAscii(bytes, offset, 'FVER');
    view.setUint32(offset + 4, 4, false);
    view.setUint32(offset + 8, 0xa2805140, false);
    offset += fverSize;
  }
  writeAscii(bytes, offset, 'COMM');
  view.setUint32(offset + 4, commSize, false);
  view.setUint16(offset + 8, channelCount, false);
  view.setUint32(offset + 10, frames, false);
  view.setUint16(offset + 14, bytesPerSample * 8, false);
  writeExtended(view, offset + 16, sampleRate);
  if (aifc !== undefined) {
    writeAscii(bytes, offset + 26, aifc);
    view.setUint8(offset + 30, compressionName.length);
    writeAscii(bytes, offset + 31, compressionName);
  }
  offset += 8 + commSize;
  writeAscii(bytes, offset, 'SSND');
  view.setUint32(offset + 4, ssndSize, false);
  view.setUint32(offset + 8, 0, false);
  view.setUint32(offset + 12, 0, false);
  offset += 16;
  for (let frame = 0; frame < frames; frame++) {
    for (let channel = 0; channel < channelCount; channel++) {
      writeSample(view, offset, channels[channel][frame], format, littleEndian, false);
      offset += bytesPerSample;
    }
  }
  return bytes;
}
