// Reads an AIFF / AIFF-C header (FORM, COMM, SSND) into a PcmLayout. AIFF is big-endian with an
// 80-bit extended sample rate; AIFF-C adds a compression type, of which the uncompressed ones
// (NONE/twos, sowt, in24/in32, fl32/fl64, raw) are read here.
import { DecodeError } from './decode-error.js';
import { checkStreamShape } from './limits.js';
import { BYTES_PER_ENCODED_SAMPLE, codecName, integerEncoding, type PcmEncoding, type PcmLayout } from './pcm.js';

interface CommonChunk {
  channels: number;
  declaredFrames: number;
  sampleSize: number;
  sampleRate: number;
  compression: string;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/** 80-bit IEEE 754 extended precision, big-endian: sign, 15-bit exponent, 64-bit mantissa with explicit integer bit. */
export function readExtendedFloat(view: DataView, offset: number): number {
  const signAndExponent = view.getUint16(offset, false);
  const mantissaHigh = view.getUint32(offset + 2, false);
  const mantissaLow = view.getUint32(offset + 6, false);
  const exponent = signAndExponent & 0x7fff;
  if (exponent === 0x7fff) return Number.NaN;
  if (exponent === 0 && mantissaHigh === 0 && mantissaLow === 0) return 0;
  const magnitude = (mantissaHigh * 2 ** 32 + mantissaLow) * 2 ** (exponent - 16383 - 63);
  return signAndExponent & 0x8000 ? -magnitude : magnitude;
}

function encodingOf(common: CommonChunk): { encoding: PcmEncoding; littleEndian: boolean } {
  const { compression, sampleSize } = common;
  const integerBytes = Math.ceil(sampleSize / 8);
  const integer = (unsigned8: boolean): PcmEncoding => {
    const encoding = sampleSize >= 1 && sampleSize <= 32 ? integerEncoding(integerBytes, unsigned8) : null;
    if (!encoding) throw new DecodeError(`AIFF with ${sampleSize} bits per sample is not supported`);
    return encoding;
  };
  switch (compression) {
    case 'NONE':
    case 'twos':
      return { encoding: integer(false), littleEndian: false };
    case 'sowt':
      return { encoding: integer(false), littleEndian: true };
    case 'raw ':
      return { encoding: integer(true), littleEndian: false };
    case 'in24':
      return { encoding: 'int24', littleEndian: false };
    case 'in32':
      return { encoding: 'int32', littleEndian: false };
    case 'fl32':
    case 'FL32':
      return { encoding: 'float32', littleEndian: false };
    case 'fl64':
    case 'FL64':
      return { encoding: 'float64', littleEndian: false };
    default:
      throw new DecodeError(`AIFF-C compression "${compression.trim()}" is not supported; only uncompressed PCM and float`);
  }
}

function readCommonChunk(bytes: Uint8Array, view: DataView, offset: number, size: number, isAifc: boolean): CommonChunk {
  if (size < 18 || offset + 18 > bytes.length) throw new DecodeError('AIFF COMM chunk is too short (damaged header)');
  const compression = isAifc ? (size >= 22 && offset + 22 <= bytes.length ? ascii(bytes, offset + 18, 4) : 'NONE') : 'NONE';
  return {
    channels: view.getUint16(offset, false),
    declaredFrames: view.getUint32(offset + 2, false),
    sampleSize: view.getUint16(offset + 6, false),
    sampleRate: readExtendedFloat(view, offset + 8),
    compression,
  };
}

/** Parses the header of a file whose first bytes are FORM....AIFF or FORM....AIFC. */
export function readAiffLayout(bytes: Uint8Array): PcmLayout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) throw new DecodeError('AIFF file ends inside its header');
  const formType = ascii(bytes, 8, 4);
  if (formType !== 'AIFF' && formType !== 'AIFC') throw new DecodeError(`IFF file of type "${formType}", not AIFF audio`);
  const isAifc = formType === 'AIFC';
  let common: CommonChunk | null = null;
  let sound: { dataOffset: number; presentBytes: number } | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length && !(common && sound)) {
    const id = ascii(bytes, offset, 4);
    const declaredSize = view.getUint32(offset + 4, false);
    const body = offset + 8;
    if (id === 'COMM') {
      common = readCommonChunk(bytes, view, body, declaredSize, isAifc);
    } else if (id === 'SSND') {
      const blockOffset = body + 8 <= bytes.length ? view.getUint32(body, false) : 0;
      const dataOffset = Math.min(bytes.length, body + 8 + blockOffset);
      sound = { dataOffset, presentBytes: bytes.length - dataOffset };
    }
    offset = body + declaredSize + (declaredSize % 2);
  }
  if (!common) throw new DecodeError('AIFF file has no COMM chunk (header missing or damaged)');
  const sampleRate = Math.round(common.sampleRate);
  checkStreamShape('AIFF', sampleRate, common.channels);
  const { encoding, littleEndian } = encodingOf(common);
  if (!sound || common.declaredFrames === 0) throw new DecodeError('AIFF file has a header but no audio frames');
  const frameBytes = BYTES_PER_ENCODED_SAMPLE[encoding] * common.channels;
  // COMM's frame count is authoritative; SSND's size only bounds it (some writers leave it stale).
  const presentFrames = Math.min(common.declaredFrames, Math.floor(sound.presentBytes / frameBytes));
  if (presentFrames === 0) throw new DecodeError(`AIFF file is truncated: it declares ${common.declaredFrames} frames but none are present`);
  return {
    container: 'aiff',
    codec: codecName(encoding),
    encoding,
    littleEndian,
    sampleRate,
    channels: common.channels,
    bitDepth: encoding === 'float32' ? 32 : encoding === 'float64' ? 64 : common.sampleSize,
    dataOffset: sound.dataOffset,
    frames: presentFrames,
    truncation:
      presentFrames < common.declaredFrames
        ? `file is truncated: ${presentFrames} of ${common.declaredFrames} frames present`
        : null,
  };
}
