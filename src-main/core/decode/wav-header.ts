// Reads a RIFF/RIFX/RF64 WAVE header into a PcmLayout. Every size is checked against the bytes
// actually present: a data chunk that claims more than the file holds is a truncated file.
import { DecodeError } from './decode-error.js';
import { checkStreamShape } from './limits.js';
import { BYTES_PER_ENCODED_SAMPLE, codecName, integerEncoding, type PcmEncoding, type PcmLayout } from './pcm.js';

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** The 14 bytes every KSDATAFORMAT_SUBTYPE_* GUID for a WAVE format tag ends with. */
const SUBFORMAT_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** Names of format tags people meet in sample packs, for a useful "unsupported" reason. */
const KNOWN_FORMAT_TAGS: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG audio',
  0x0055: 'MP3',
  0x00ff: 'AAC',
  0x674f: 'Ogg Vorbis',
  0x6750: 'Ogg Vorbis',
  0x6751: 'Ogg Vorbis',
  0x1610: 'AAC',
  0xf1ac: 'FLAC',
};

interface FormatChunk {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  validBits: number;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function readFormatChunk(view: DataView, offset: number, size: number, littleEndian: boolean): FormatChunk {
  if (size < 16) throw new DecodeError(`WAV fmt chunk is too short (${size} bytes)`);
  let formatTag = view.getUint16(offset, littleEndian);
  const channels = view.getUint16(offset + 2, littleEndian);
  const sampleRate = view.getUint32(offset + 4, littleEndian);
  const bitsPerSample = view.getUint16(offset + 14, littleEndian);
  let validBits = bitsPerSample;
  if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) throw new DecodeError('WAV extensible fmt chunk is too short to hold its subformat');
    const declaredValid = view.getUint16(offset + 18, littleEndian);
    if (declaredValid > 0 && declaredValid <= bitsPerSample) validBits = declaredValid;
    const guidTailMatches = SUBFORMAT_GUID_TAIL.every((byte, i) => view.getUint8(offset + 26 + i) === byte);
    const subformat = view.getUint16(offset + 24, littleEndian);
    if (!guidTailMatches) throw new DecodeError('WAV extensible subformat is not a standard PCM or float GUID');
    formatTag = subformat;
  }
  return { formatTag, channels, sampleRate, bitsPerSample, validBits };
}

function encodingOf(format: FormatChunk): PcmEncoding {
  const { formatTag, bitsPerSample } = format;
  if (formatTag === WAVE_FORMAT_PCM) {
    if (bitsPerSample < 1 || bitsPerSample > 32) throw new DecodeError(`WAV PCM with ${bitsPerSample} bits per sample is not supported`);
    const encoding = integerEncoding(Math.ceil(bitsPerSample / 8), true);
    if (encoding) return encoding;
  }
  if (formatTag === WAVE_FORMAT_IEEE_FLOAT) {
    if (bitsPerSample === 32) return 'float32';
    if (bitsPerSample === 64) return 'float64';
    throw new DecodeError(`WAV float with ${bitsPerSample} bits per sample is not supported`);
  }
  const name = KNOWN_FORMAT_TAGS[formatTag];
  const tag = `0x${formatTag.toString(16).padStart(4, '0')}`;
  throw new DecodeError(`WAV encoding ${name ? `${name} (${tag})` : tag} is not supported; only PCM and float`);
}

interface WavChunks {
  format: FormatChunk;
  littleEndian: boolean;
  dataOffset: number;
  size: { declared: number; present: number };
}

/** Walks the chunks of a file whose first four bytes are RIFF, RIFX or RF64 up to its data chunk. */
function readWavChunks(bytes: Uint8Array): WavChunks {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = ascii(bytes, 0, 4);
  const littleEndian = magic !== 'RIFX';
  if (bytes.length < 12 || ascii(bytes, 8, 4) !== 'WAVE') {
    throw new DecodeError(bytes.length < 12 ? 'WAV file ends inside its header' : `RIFF file of type "${ascii(bytes, 8, 4)}", not WAVE audio`);
  }
  let format: FormatChunk | null = null;
  let rf64DataSize: number | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const declaredSize = view.getUint32(offset + 4, littleEndian);
    const body = offset + 8;
    const present = bytes.length - body;
    if (id === 'ds64' && magic === 'RF64' && present >= 16) {
      // 64-bit sizes: riff size, then data size. Exact beyond 2^53 is irrelevant: bytes present bound it.
      rf64DataSize = view.getUint32(body + 8, true) + view.getUint32(body + 12, true) * 2 ** 32;
    } else if (id === 'fmt ') {
      if (declaredSize > present) throw new DecodeError('WAV file ends inside its fmt chunk');
      format = readFormatChunk(view, body, declaredSize, littleEndian);
    } else if (id === 'data') {
      if (!format) throw new DecodeError('WAV data chunk comes before any fmt chunk (damaged header)');
      return { format, littleEndian, dataOffset: body, size: dataSizeOf(declaredSize, rf64DataSize, present) };
    }
    offset = body + declaredSize + (declaredSize % 2); // chunks are padded to even length
  }
  if (!format) throw new DecodeError('WAV file has no fmt chunk (header missing or damaged)');
  throw new DecodeError('WAV file has a header but no data chunk (no audio)');
}

/** Parses the header of a PCM or float WAV file. */
export function readWavLayout(bytes: Uint8Array): PcmLayout {
  const { format, dataOffset, size, littleEndian } = readWavChunks(bytes);
  return layoutFor(format, dataOffset, size, littleEndian);
}

/** Format tags of a compressed stream stored whole inside the data chunk: Vorbis-in-WAV (Ogg pages), MP3. */
const EMBEDDED_STREAM_TAGS = new Set([0x0050, 0x0055, 0x674f, 0x6750, 0x6751, 0x676f, 0x6770, 0x6771]);

/**
 * The data chunk's bytes when the WAV wraps a compressed stream another decoder reads (old
 * trackers and LMMS ship Vorbis-in-WAV); null for PCM/float or unknown encodings.
 */
export function wavEmbeddedStream(bytes: Uint8Array): Uint8Array | null {
  const { format, dataOffset, size } = readWavChunks(bytes);
  if (!EMBEDDED_STREAM_TAGS.has(format.formatTag)) return null;
  return bytes.subarray(dataOffset, dataOffset + Math.min(size.declared, size.present));
}

/** Bytes of sample data the file claims, with the placeholder sizes streaming writers leave. */
function dataSizeOf(declaredSize: number, rf64DataSize: number | null, present: number): { declared: number; present: number } {
  if (declaredSize === 0xffffffff) return { declared: rf64DataSize ?? present, present };
  return { declared: declaredSize, present };
}

function layoutFor(format: FormatChunk, dataOffset: number, size: { declared: number; present: number }, littleEndian: boolean): PcmLayout {
  checkStreamShape('WAV', format.sampleRate, format.channels);
  const encoding = encodingOf(format);
  const frameBytes = BYTES_PER_ENCODED_SAMPLE[encoding] * format.channels;
  const declaredFrames = Math.floor(size.declared / frameBytes);
  const presentFrames = Math.floor(Math.min(size.declared, size.present) / frameBytes);
  if (declaredFrames === 0) throw new DecodeError('WAV file has a data chunk with no audio frames');
  if (presentFrames === 0) throw new DecodeError(`WAV file is truncated: its data chunk declares ${size.declared} bytes but none are present`);
  return {
    container: 'wav',
    codec: codecName(encoding),
    encoding,
    littleEndian,
    sampleRate: format.sampleRate,
    channels: format.channels,
    bitDepth: format.validBits,
    dataOffset,
    frames: presentFrames,
    truncation:
      presentFrames < declaredFrames
        ? `file is truncated: ${presentFrames} of ${declaredFrames} frames present (data chunk declares ${size.declared} bytes, ${size.present} remain)`
        : null,
  };
}
