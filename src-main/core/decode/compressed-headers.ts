// Header facts of FLAC, Ogg (Vorbis, Opus, FLAC) and MPEG streams, read before the wasm decoder
// sees the bytes: they give the full duration of files decoded only as far as the window, let
// garbage be refused before it reaches the decoder, and say how much audio a complete file holds.
import { DecodeError } from './decode-error.js';
import { checkStreamShape } from './limits.js';
import { id3v2Length, readMpegFrameHeader, readVbrFrameCount } from './mpeg-frames.js';
import { mpegStreamStart } from './sniff.js';

export interface StreamHeader {
  /** FormatFacts codec: `flac`, `vorbis`, `opus`, `mp3`, `mp2`, `mp1`. */
  codec: 'flac' | 'vorbis' | 'opus' | 'mp3' | 'mp2' | 'mp1';
  sampleRate: number;
  channels: number;
  bitDepth: number | null;
  /** Frames (per channel) in the whole stream at `sampleRate`, or null when the header does not say. */
  totalFrames: number | null;
  /** True when the header's total is an estimate (constant-bitrate MP3 without a frame count). */
  totalIsEstimate: boolean;
  /** Set when the container itself shows the file is cut short. */
  truncation: string | null;
  /** True when the file ends right after its headers: no audio frames at all. */
  headerOnly: boolean;
}

/** How a person names the codec in a reason. */
export function codecLabel(codec: StreamHeader['codec']): string {
  switch (codec) {
    case 'flac':
      return 'FLAC';
    case 'vorbis':
      return 'Ogg Vorbis';
    case 'opus':
      return 'Opus';
    default:
      return codec.toUpperCase();
  }
}

function startsWith(bytes: Uint8Array, text: string, offset = 0): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

interface FlacStreamInfo {
  sampleRate: number;
  channels: number;
  bitDepth: number;
  totalSamples: number;
}

/** STREAMINFO body (34 bytes) at `offset`. */
function readStreamInfo(bytes: Uint8Array, offset: number): FlacStreamInfo {
  if (offset + 18 > bytes.length) throw new DecodeError('FLAC file ends inside its STREAMINFO header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // After block sizes (2 × 16 bits) and frame sizes (2 × 24 bits): 20 bits rate, 3 bits channels-1, 5 bits bits-per-sample-1, 36 bits total samples.
  const packed = view.getUint32(offset + 10, false);
  const sampleRate = packed >>> 12;
  const channels = ((packed >>> 9) & 0x7) + 1;
  const bitDepth = ((packed >>> 4) & 0x1f) + 1;
  const totalSamples = (packed & 0xf) * 2 ** 32 + view.getUint32(offset + 14, false);
  return { sampleRate, channels, bitDepth, totalSamples };
}

export function readFlacHeader(bytes: Uint8Array): StreamHeader {
  const start = id3v2Length(bytes);
  // "fLaC", then metadata blocks; STREAMINFO must be first: 4-byte block header + 34-byte body.
  if (bytes[start + 4] !== undefined && (bytes[start + 4] & 0x7f) !== 0) throw new DecodeError('FLAC file does not begin with a STREAMINFO block (damaged header)');
  const info = readStreamInfo(bytes, start + 8);
  checkStreamShape('FLAC', info.sampleRate, info.channels);
  // Metadata blocks: 1 bit last-block flag, 7 bits type, 24 bits length.
  let audioOffset = start + 4;
  for (let last = false; !last && audioOffset + 4 <= bytes.length; ) {
    last = (bytes[audioOffset] & 0x80) !== 0;
    audioOffset += 4 + ((bytes[audioOffset + 1] << 16) | (bytes[audioOffset + 2] << 8) | bytes[audioOffset + 3]);
  }
  return {
    codec: 'flac',
    sampleRate: info.sampleRate,
    channels: info.channels,
    bitDepth: info.bitDepth,
    totalFrames: info.totalSamples > 0 ? info.totalSamples : null,
    totalIsEstimate: false,
    truncation: audioOffset > bytes.length ? 'file ends inside its metadata blocks (truncated or damaged)' : null,
    headerOnly: audioOffset === bytes.length,
  };
}

interface OggPage {
  headerType: number;
  granule: number;
  serial: number;
  bodyOffset: number;
  bodyBytes: number;
  /** Offset just past this page. */
  end: number;
}

function readOggPage(bytes: Uint8Array, offset: number): OggPage | null {
  if (!startsWith(bytes, 'OggS', offset) || offset + 27 > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segments = bytes[offset + 26];
  const bodyOffset = offset + 27 + segments;
  if (bodyOffset > bytes.length) return null;
  let bodyBytes = 0;
  for (let i = 0; i < segments; i++) bodyBytes += bytes[offset + 27 + i];
  const granuleLow = view.getUint32(offset + 6, true);
  const granuleHigh = view.getInt32(offset + 10, true);
  return {
    headerType: bytes[offset + 5],
    granule: granuleHigh === -1 && granuleLow === 0xffffffff ? -1 : granuleHigh * 2 ** 32 + granuleLow,
    serial: view.getUint32(offset + 14, true),
    bodyOffset,
    bodyBytes,
    end: bodyOffset + bodyBytes,
  };
}

/** How far from the end to look for the last page (Ogg pages are at most ~64 KB). */
const OGG_TAIL_SEARCH_BYTES = 70_000;

/** The last whole page of stream `serial`, and whether bytes trail after the last whole page. */
function lastOggPage(bytes: Uint8Array, serial: number): { page: OggPage | null; cutShort: boolean } {
  const searchStart = Math.max(0, bytes.length - OGG_TAIL_SEARCH_BYTES);
  let last: OggPage | null = null;
  let lastWholeEnd = searchStart;
  let offset = searchStart;
  // Skip to the first capture pattern, then walk page by page (resyncing on damage).
  while (offset + 27 <= bytes.length) {
    const page = readOggPage(bytes, offset);
    if (!page || page.end > bytes.length) {
      offset++;
      continue;
    }
    if (page.serial === serial) last = page;
    lastWholeEnd = page.end;
    offset = page.end;
  }
  return { page: last, cutShort: lastWholeEnd < bytes.length && bytes.length - lastWholeEnd > 0 && last !== null };
}

export function readOggHeader(bytes: Uint8Array): StreamHeader {
  const first = readOggPage(bytes, 0);
  if (!first || first.end > bytes.length) throw new DecodeError('Ogg file ends inside its first page');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const body = first.bodyOffset;
  let header: Omit<StreamHeader, 'totalFrames' | 'totalIsEstimate' | 'truncation' | 'headerOnly'>;
  let preSkip = 0;
  if (bytes[body] === 0x01 && startsWith(bytes, 'vorbis', body + 1) && first.bodyBytes >= 30) {
    header = { codec: 'vorbis', channels: bytes[body + 11], sampleRate: view.getUint32(body + 12, true), bitDepth: null };
  } else if (startsWith(bytes, 'OpusHead', body) && first.bodyBytes >= 19) {
    preSkip = view.getUint16(body + 10, true);
    // Opus always decodes at 48 kHz, whatever input rate the header records.
    header = { codec: 'opus', channels: bytes[body + 9], sampleRate: 48000, bitDepth: null };
  } else if (bytes[body] === 0x7f && startsWith(bytes, 'FLAC', body + 1) && startsWith(bytes, 'fLaC', body + 9) && first.bodyBytes >= 51) {
    const info = readStreamInfo(bytes, body + 17);
    header = { codec: 'flac', channels: info.channels, sampleRate: info.sampleRate, bitDepth: info.bitDepth };
  } else {
    const codecMagic = String.fromCharCode(...bytes.subarray(body, Math.min(body + 8, first.end))).replace(/[^\x20-\x7e]/g, '');
    throw new DecodeError(`Ogg stream with codec "${codecMagic || 'unknown'}" is not supported; only Vorbis, Opus and FLAC`);
  }
  checkStreamShape(codecLabel(header.codec), header.sampleRate, header.channels);
  const { page: lastPage, cutShort } = lastOggPage(bytes, first.serial);
  const endsCleanly = lastPage !== null && (lastPage.headerType & 0x04) !== 0;
  const totalFrames = lastPage && lastPage.granule > 0 ? Math.max(0, lastPage.granule - preSkip) : null;
  return {
    ...header,
    totalFrames,
    totalIsEstimate: !endsCleanly,
    truncation: cutShort ? 'file is truncated: it ends inside an Ogg page' : endsCleanly ? null : 'file is truncated: the Ogg stream has no end-of-stream page',
    headerOnly: first.end >= bytes.length,
  };
}

export function readMpegHeader(bytes: Uint8Array): StreamHeader {
  const start = mpegStreamStart(bytes);
  const header = start === null ? null : readMpegFrameHeader(bytes, start);
  if (start === null || !header) throw new DecodeError('no MPEG audio frames found');
  const vbrFrames = readVbrFrameCount(bytes, start, header);
  // An ID3v1 tag (128 bytes, "TAG") may close the file; it is not audio.
  const id3v1 = bytes.length >= 128 && startsWith(bytes, 'TAG', bytes.length - 128) ? 128 : 0;
  const audioBytes = Math.max(0, bytes.length - start - id3v1);
  const totalFrames = vbrFrames !== null ? vbrFrames * header.samplesPerFrame : Math.round((audioBytes * 8 * header.sampleRate) / (header.bitrateKbps * 1000));
  return {
    codec: header.layer === 3 ? 'mp3' : header.layer === 2 ? 'mp2' : 'mp1',
    sampleRate: header.sampleRate,
    channels: header.channels,
    bitDepth: null,
    totalFrames,
    totalIsEstimate: vbrFrames === null,
    truncation: null,
    headerOnly: false,
  };
}
