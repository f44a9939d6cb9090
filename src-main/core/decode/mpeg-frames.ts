// MPEG audio (MP1/MP2/MP3) frame headers: enough to recognise a stream without an ID3 tag (a
// chain of consecutive valid headers, not just an 0xFFE sync) and to read its rate, channels and
// length (Xing/Info/VBRI frame counts, else the constant bitrate).

export interface MpegFrameHeader {
  /** 1 = MPEG-1, 2 = MPEG-2, 2.5 = MPEG-2.5. */
  version: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  bitrateKbps: number;
  sampleRate: number;
  channels: 1 | 2;
  /** Whole frame length in bytes, header included. */
  frameBytes: number;
  samplesPerFrame: number;
}

const BITRATES_KBPS = {
  v1l1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  v1l2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  v1l3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2l1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  v2l23: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<1 | 2 | 2.5, number[]> = { 1: [44100, 48000, 32000], 2: [22050, 24000, 16000], 2.5: [11025, 12000, 8000] };

/** Parses the 4-byte header at `offset`; null unless it is a valid, non-free-format header. */
export function readMpegFrameHeader(bytes: Uint8Array, offset: number): MpegFrameHeader | null {
  if (offset + 4 > bytes.length) return null;
  const [b0, b1, b2, b3] = [bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3 || (b3 & 3) === 2) return null;
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const table =
    version === 1 ? (layer === 1 ? BITRATES_KBPS.v1l1 : layer === 2 ? BITRATES_KBPS.v1l2 : BITRATES_KBPS.v1l3) : layer === 1 ? BITRATES_KBPS.v2l1 : BITRATES_KBPS.v2l23;
  const bitrateKbps = table[bitrateIndex];
  const sampleRate = SAMPLE_RATES[version][rateIndex];
  const padding = (b2 >> 1) & 1;
  const samplesPerFrame = layer === 1 ? 384 : layer === 2 || version === 1 ? 1152 : 576;
  const frameBytes =
    layer === 1
      ? (Math.floor((12000 * bitrateKbps) / sampleRate) + padding) * 4
      : Math.floor(((samplesPerFrame / 8) * 1000 * bitrateKbps) / sampleRate) + padding;
  return { version, layer, bitrateKbps, sampleRate, channels: b3 >> 6 === 3 ? 1 : 2, frameBytes, samplesPerFrame };
}

/** Consecutive frames that must parse, each where the previous one ends, to call data MPEG audio. */
const FRAMES_TO_CONFIRM = 3;

/**
 * Offset of the first frame in `bytes` from `start`, searching at most `searchLimit` bytes: a
 * header counts only when the next FRAMES_TO_CONFIRM-1 headers follow with the same version,
 * layer and rate (or the data ends cleanly after a shorter chain).
 */
export function findMpegStream(bytes: Uint8Array, start: number, searchLimit: number): { offset: number; header: MpegFrameHeader } | null {
  const end = Math.min(bytes.length - 4, start + searchLimit);
  for (let offset = start; offset <= end; offset++) {
    if (bytes[offset] !== 0xff) continue;
    const header = readMpegFrameHeader(bytes, offset);
    if (!header) continue;
    let next = offset + header.frameBytes;
    let confirmed = 1;
    while (confirmed < FRAMES_TO_CONFIRM) {
      if (next === bytes.length && confirmed >= 2) break; // a short file of whole frames
      const following = readMpegFrameHeader(bytes, next);
      if (!following || following.version !== header.version || following.layer !== header.layer || following.sampleRate !== header.sampleRate) break;
      next += following.frameBytes;
      confirmed++;
    }
    if (confirmed >= FRAMES_TO_CONFIRM || (confirmed >= 2 && next === bytes.length)) return { offset, header };
  }
  return null;
}

/**
 * Total decoded frames of the stream starting at `offset`, from a Xing/Info or VBRI header in its
 * first frame; null when there is none (a constant-bitrate file without one).
 */
export function readVbrFrameCount(bytes: Uint8Array, offset: number, header: MpegFrameHeader): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sideInfoBytes = header.version === 1 ? (header.channels === 1 ? 17 : 32) : header.channels === 1 ? 9 : 17;
  const xing = offset + 4 + sideInfoBytes;
  const tag = (at: number) => (at + 4 <= bytes.length ? String.fromCharCode(...bytes.subarray(at, at + 4)) : '');
  if ((tag(xing) === 'Xing' || tag(xing) === 'Info') && xing + 12 <= bytes.length) {
    const flags = view.getUint32(xing + 4, false);
    if (flags & 1) return view.getUint32(xing + 8, false);
  }
  const vbri = offset + 36;
  if (tag(vbri) === 'VBRI' && vbri + 18 <= bytes.length) return view.getUint32(vbri + 14, false);
  return null;
}

/** Length of the ID3v2 tag(s) at `offset` (0 when none); sizes are syncsafe integers. */
export function id3v2Length(bytes: Uint8Array, offset = 0): number {
  let position = offset;
  while (
    position + 10 <= bytes.length &&
    bytes[position] === 0x49 && // I
    bytes[position + 1] === 0x44 && // D
    bytes[position + 2] === 0x33 // 3
  ) {
    const size = ((bytes[position + 6] & 0x7f) << 21) | ((bytes[position + 7] & 0x7f) << 14) | ((bytes[position + 8] & 0x7f) << 7) | (bytes[position + 9] & 0x7f);
    const hasFooter = (bytes[position + 5] & 0x10) !== 0;
    position += 10 + size + (hasFooter ? 10 : 0);
  }
  return Math.min(position, bytes.length) - offset;
}
