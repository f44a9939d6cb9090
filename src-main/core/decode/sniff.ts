// Which container the bytes hold, from magic bytes only: the extension is a hint people get
// wrong (a WAV saved as .mp3, a PNG renamed .flac). For what is not audio, a reason a person
// recognises.
import type { FormatFacts } from '../../../src-shared/sample.js';
import { findMpegStream, id3v2Length } from './mpeg-frames.js';

export type Container = FormatFacts['container'];

/** How far past the start (or an ID3 tag) to look for the first MPEG frame; encoders pad a little. */
const MPEG_SEARCH_BYTES = 4096;

function startsWith(bytes: Uint8Array, text: string, offset = 0): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

export function sniffContainer(bytes: Uint8Array): Container | null {
  if ((startsWith(bytes, 'RIFF') || startsWith(bytes, 'RIFX') || startsWith(bytes, 'RF64')) && startsWith(bytes, 'WAVE', 8)) return 'wav';
  if (startsWith(bytes, 'FORM') && (startsWith(bytes, 'AIFF', 8) || startsWith(bytes, 'AIFC', 8))) return 'aiff';
  if (startsWith(bytes, 'OggS')) return 'ogg';
  const afterTag = id3v2Length(bytes);
  if (startsWith(bytes, 'fLaC', afterTag)) return 'flac';
  if (findMpegStream(bytes, afterTag, MPEG_SEARCH_BYTES)) return 'mp3';
  return null;
}

/** Offset of the first MPEG audio frame (after any ID3v2 tag), or null. */
export function mpegStreamStart(bytes: Uint8Array): number | null {
  return findMpegStream(bytes, id3v2Length(bytes), MPEG_SEARCH_BYTES)?.offset ?? null;
}

const NON_AUDIO_SIGNATURES: Array<{ test: (bytes: Uint8Array) => boolean; looksLike: string }> = [
  { test: (b) => b[0] === 0x89 && startsWith(b, 'PNG', 1), looksLike: 'a PNG image' },
  { test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff, looksLike: 'a JPEG image' },
  { test: (b) => startsWith(b, 'GIF8'), looksLike: 'a GIF image' },
  { test: (b) => startsWith(b, 'RIFF') && startsWith(b, 'WEBP', 8), looksLike: 'a WebP image' },
  { test: (b) => startsWith(b, 'RIFF') && startsWith(b, 'AVI ', 8), looksLike: 'an AVI video' },
  { test: (b) => startsWith(b, '%PDF'), looksLike: 'a PDF document' },
  { test: (b) => startsWith(b, 'PK\x03\x04'), looksLike: 'a ZIP archive' },
  { test: (b) => b[0] === 0x1f && b[1] === 0x8b, looksLike: 'a gzip archive' },
  { test: (b) => startsWith(b, 'Rar!'), looksLike: 'a RAR archive' },
  { test: (b) => startsWith(b, '7z\xbc\xaf'), looksLike: 'a 7-Zip archive' },
  { test: (b) => startsWith(b, 'MThd'), looksLike: 'a MIDI file (notes, not audio)' },
  { test: (b) => startsWith(b, 'ftyp', 4), looksLike: 'an MP4/M4A file (AAC and ALAC are not supported)' },
  { test: (b) => startsWith(b, 'caff'), looksLike: 'a Core Audio (CAF) file, which is not supported' },
  { test: (b) => startsWith(b, 'wvpk'), looksLike: 'a WavPack file, which is not supported' },
  { test: (b) => startsWith(b, 'MAC '), looksLike: "a Monkey's Audio (APE) file, which is not supported" },
  { test: (b) => b[0] === 0x7f && startsWith(b, 'ELF', 1), looksLike: 'a program (ELF executable)' },
  { test: (b) => startsWith(b, 'MZ'), looksLike: 'a Windows program' },
  { test: (b) => startsWith(b, '\x00\x00\x01\x00') && b.length > 6, looksLike: 'an icon image' },
];

/** True when the first bytes decode as printable text (ASCII or UTF-8). */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  if (sample.length === 0) return false;
  let i = 0;
  while (i < sample.length) {
    const byte = sample[i];
    if (byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f)) {
      i++;
      continue;
    }
    // A UTF-8 multi-byte sequence: lead byte then 1..3 continuation bytes (a cut-off one at the end is fine).
    const continuation = byte >= 0xc2 && byte <= 0xdf ? 1 : byte >= 0xe0 && byte <= 0xef ? 2 : byte >= 0xf0 && byte <= 0xf4 ? 3 : -1;
    if (continuation < 0) return false;
    for (let k = 1; k <= continuation; k++) {
      if (i + k >= sample.length) return true;
      if ((sample[i + k] & 0xc0) !== 0x80) return false;
    }
    i += continuation + 1;
  }
  return true;
}

/** A reason for bytes that `sniffContainer` does not recognise. */
export function describeUnrecognised(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'empty file (0 bytes)';
  const signature = NON_AUDIO_SIGNATURES.find(({ test }) => test(bytes));
  if (signature) return `not an audio file (looks like ${signature.looksLike})`;
  if (startsWith(bytes, 'RIFF')) return `not an audio file (a RIFF file of type "${String.fromCharCode(...bytes.subarray(8, 12))}", not WAVE)`;
  if (startsWith(bytes, 'FORM')) return `not an audio file (an IFF file of type "${String.fromCharCode(...bytes.subarray(8, 12))}", not AIFF)`;
  if (bytes.length < 16) return `too short to be audio (${bytes.length} bytes)`;
  if (bytes.every((byte) => byte === 0)) return 'not an audio file (every byte is zero: the file was never written or was wiped)';
  const afterTag = id3v2Length(bytes);
  if (afterTag > 0) return 'ID3 tag found, but no MP3 or FLAC audio follows it';
  if (startsWith(bytes, '\xef\xbb\xbf') || looksLikeText(bytes)) {
    const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart().toLowerCase();
    const kind = head.startsWith('<!doctype html') || head.startsWith('<html') ? 'an HTML page' : head.startsWith('<?xml') ? 'an XML file' : head.startsWith('{') || head.startsWith('[') ? 'a JSON file' : 'a text file';
    return `not an audio file (looks like ${kind})`;
  }
  return 'unrecognised data: not WAV, AIFF, FLAC, MP3 or Ogg';
}
