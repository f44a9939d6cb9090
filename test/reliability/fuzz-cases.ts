// Deterministic fuzz inputs for the decode + analyse stages: seed files (real corpus FLAC/Ogg,
// generated WAV/AIFF in every PCM/float layout, synthetic MP3 frames) and structure-aware
// mutations of them. Case i is a pure function of (seed, i), so the fuzz worker and the test's
// main thread build byte-identical inputs: a case that hangs the worker is rebuilt and saved by
// the main thread without shipping every input across.
import { readFileSync, statSync } from 'node:fs';
import { corpusEntries } from '../corpus.js';
import { createRandom } from '../../src-shared/seeded-random.js';
import { encodeAiff, encodeWav, type PcmWriteFormat } from '../../src-main/core/decode/testing/write-pcm.js';
import { concatBytes, MP3_FRAME_BYTES, noiseBytes, silentMp3Frames } from '../../src-main/core/decode/testing/synthetic-bytes.js';


type Random = () => number;
const intBelow = (random: Random, n: number): number => Math.floor(random() * n);
const pick = <T>(random: Random, items: readonly T[]): T => items[intBelow(random, items.length)];

/** A header field worth mutating: where it is, how wide, which byte order. */
interface Field {
  name: string;
  offset: number;
  size: 1 | 2 | 3 | 4 | 8;
  littleEndian: boolean;
}

export interface Seed {
  name: string;
  kind: 'wav' | 'aiff' | 'flac' | 'ogg' | 'mp3';
  bytes: Uint8Array;
  fields: Field[];
  /** Offsets of Ogg pages, so a page-field mutation can fix the page CRC and reach the decoder. */
  oggPages: number[];
}

export interface FuzzCase {
  index: number;
  seedName: string;
  mutations: string[];
  /** File name handed to decodeAudio (extension from the seed; the decoder sniffs the bytes). */
  fileName: string;
  bytes: Uint8Array;
}

function ascii(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

function riffFields(bytes: Uint8Array, littleEndian: boolean): Field[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields: Field[] = [{ name: 'form id', offset: 0, size: 4, littleEndian }, { name: 'form size', offset: 4, size: 4, littleEndian }, { name: 'form type', offset: 8, size: 4, littleEndian }];
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = ascii(bytes, offset);
    const size = view.getUint32(offset + 4, littleEndian);
    fields.push({ name: `${id} id`, offset, size: 4, littleEndian }, { name: `${id} size`, offset: offset + 4, size: 4, littleEndian });
    const body = offset + 8;
    if (id === 'fmt ') {
      fields.push(
        { name: 'format tag', offset: body, size: 2, littleEndian },
        { name: 'channels', offset: body + 2, size: 2, littleEndian },
        { name: 'sample rate', offset: body + 4, size: 4, littleEndian },
        { name: 'byte rate', offset: body + 8, size: 4, littleEndian },
        { name: 'block align', offset: body + 12, size: 2, littleEndian },
        { name: 'bits per sample', offset: body + 14, size: 2, littleEndian },
      );
      if (size >= 40) fields.push({ name: 'valid bits', offset: body + 18, size: 2, littleEndian }, { name: 'subformat', offset: body + 24, size: 2, littleEndian });
    }
    if (id === 'COMM') {
      fields.push(
        { name: 'channels', offset: body, size: 2, littleEndian },
        { name: 'frames', offset: body + 2, size: 4, littleEndian },
        { name: 'sample size', offset: body + 6, size: 2, littleEndian },
        { name: 'rate exponent', offset: body + 8, size: 2, littleEndian },
        { name: 'rate mantissa', offset: body + 10, size: 4, littleEndian },
      );
      if (size > 18) fields.push({ name: 'compression type', offset: body + 18, size: 4, littleEndian });
    }
    if (id === 'SSND') fields.push({ name: 'ssnd offset', offset: body, size: 4, littleEndian }, { name: 'ssnd block size', offset: body + 4, size: 4, littleEndian });
    offset = body + size + (size % 2);
  }
  return fields;
}

function flacFields(bytes: Uint8Array): Field[] {
  const be = false;
  const fields: Field[] = [
    { name: 'fLaC magic', offset: 0, size: 4, littleEndian: be },
    { name: 'block type', offset: 4, size: 1, littleEndian: be },
    { name: 'block length', offset: 5, size: 3, littleEndian: be },
    { name: 'min block size', offset: 8, size: 2, littleEndian: be },
    { name: 'max block size', offset: 10, size: 2, littleEndian: be },
    { name: 'min frame size', offset: 12, size: 3, littleEndian: be },
    { name: 'max frame size', offset: 15, size: 3, littleEndian: be },
    // Rate (20 bits), channels-1 (3), bits-1 (5), total samples (36) share these bytes.
    { name: 'rate/channels/bits', offset: 18, size: 4, littleEndian: be },
    { name: 'total samples', offset: 22, size: 4, littleEndian: be },
    { name: 'md5', offset: 26, size: 8, littleEndian: be },
  ];
  // Later metadata block headers, then the first frame header (sync 0xFFF8/0xFFF9).
  let offset = 4;
  while (offset + 4 <= bytes.length) {
    const last = (bytes[offset] & 0x80) !== 0;
    const length = (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
    if (offset > 4) fields.push({ name: 'block header', offset, size: 4, littleEndian: be });
    offset += 4 + length;
    if (last) break;
  }
  if (offset + 8 <= bytes.length) fields.push({ name: 'frame header', offset, size: 4, littleEndian: be }, { name: 'frame header tail', offset: offset + 4, size: 4, littleEndian: be });
  return fields;
}

function oggPagesOf(bytes: Uint8Array): number[] {
  const pages: number[] = [];
  for (let i = 0; i + 27 <= bytes.length; i++) if (bytes[i] === 0x4f && ascii(bytes, i) === 'OggS') pages.push(i);
  return pages;
}

function oggFields(bytes: Uint8Array, pages: number[]): Field[] {
  const fields: Field[] = [];
  for (const [n, page] of pages.slice(0, 6).entries()) {
    fields.push(
      { name: `page${n} magic`, offset: page, size: 4, littleEndian: true },
      { name: `page${n} version/type`, offset: page + 4, size: 2, littleEndian: true },
      { name: `page${n} granule`, offset: page + 6, size: 8, littleEndian: true },
      { name: `page${n} serial`, offset: page + 14, size: 4, littleEndian: true },
      { name: `page${n} sequence`, offset: page + 18, size: 4, littleEndian: true },
      { name: `page${n} segments`, offset: page + 26, size: 1, littleEndian: true },
      { name: `page${n} lacing`, offset: page + 27, size: 1, littleEndian: true },
    );
  }
  // Vorbis identification header on the first page: channels (1 byte) and rate (4) after "\x01vorbis" + version.
  const first = pages[0] ?? 0;
  const packet = first + 27 + (bytes[first + 26] ?? 0);
  if (ascii(bytes, packet + 1) === 'vorb') {
    fields.push({ name: 'vorbis channels', offset: packet + 11, size: 1, littleEndian: true }, { name: 'vorbis rate', offset: packet + 12, size: 4, littleEndian: true }, { name: 'vorbis blocksizes', offset: packet + 28, size: 1, littleEndian: true });
  }
  return fields;
}

function mp3Fields(bytes: Uint8Array, start: number): Field[] {
  const fields: Field[] = [];
  for (let offset = start, n = 0; offset + 4 <= bytes.length && n < 8; offset += MP3_FRAME_BYTES, n++) {
    fields.push({ name: `frame${n} header`, offset, size: 4, littleEndian: false }, { name: `frame${n} side info`, offset: offset + 4, size: 4, littleEndian: false });
  }
  return fields;
}

function signal(seconds: number, rate: number, hz: number, noise: number, random: Random): Float32Array {
  const out = new Float32Array(Math.max(1, Math.round(seconds * rate)));
  for (let i = 0; i < out.length; i++) out[i] = 0.6 * Math.sin((2 * Math.PI * hz * i) / rate) * Math.exp(-i / (rate * 0.15)) + noise * (random() * 2 - 1);
  return out;
}

function generatedSeeds(): Seed[] {
  const random = createRandom(7);
  const seeds: Seed[] = [];
  const formats: PcmWriteFormat[] = ['pcm8', 'pcm16', 'pcm24', 'pcm32', 'float32', 'float64'];
  const rates = [8000, 22050, 44100, 48000, 96000];
  for (const format of formats) {
    for (const extensible of [false, true]) {
      for (const channelCount of extensible ? [1, 2, 6] : [1, 2]) {
        const rate = pick(random, rates);
        const seconds = 0.05 + random() * 0.15;
        const channels = Array.from({ length: channelCount }, (_, c) => signal(seconds, rate, 110 * (c + 1), 0.05, random));
        const bytes = encodeWav({ channels, sampleRate: rate, format, extensible });
        seeds.push({ name: `gen-${format}${extensible ? '-ext' : ''}-${channelCount}ch-${rate}.wav`, kind: 'wav', bytes, fields: riffFields(bytes, true), oggPages: [] });
      }
    }
  }
  const aiffVariants: { format: PcmWriteFormat; aifc?: 'NONE' | 'sowt' | 'fl32' | 'fl64' }[] = [
    { format: 'pcm8' }, { format: 'pcm16' }, { format: 'pcm24' }, { format: 'pcm32' },
    { format: 'pcm16', aifc: 'NONE' }, { format: 'pcm24', aifc: 'sowt' }, { format: 'float32', aifc: 'fl32' }, { format: 'float64', aifc: 'fl64' },
  ];
  for (const { format, aifc } of aiffVariants) {
    const rate = pick(random, rates);
    const channels = Array.from({ length: 1 + intBelow(random, 2) }, (_, c) => signal(0.08, rate, 220 * (c + 1), 0.02, random));
    const bytes = encodeAiff({ channels, sampleRate: rate, format, aifc });
    seeds.push({ name: `gen-${format}-${aifc ?? 'aiff'}-${channels.length}ch-${rate}.aiff`, kind: 'aiff', bytes, fields: riffFields(bytes, false), oggPages: [] });
  }
  const silent = silentMp3Frames(24);
  seeds.push({ name: 'gen-silent-frames.mp3', kind: 'mp3', bytes: silent, fields: mp3Fields(silent, 0), oggPages: [] });
  // Valid headers with noise bodies: the decoder has to cope with nonsense side info and Huffman data.
  const noisy = silentMp3Frames(24);
  for (let i = 0; i < 24; i++) noisy.set(noiseBytes(MP3_FRAME_BYTES - 4, 100 + i), i * MP3_FRAME_BYTES + 4);
  seeds.push({ name: 'gen-noise-frames.mp3', kind: 'mp3', bytes: noisy, fields: mp3Fields(noisy, 0), oggPages: [] });
  // An ID3v2 tag (10-byte header, 22-byte body) in front, as most real MP3s have.
  const id3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 22, ...new Array<number>(22).fill(0x20)]);
  const tagged = concatBytes(id3, silentMp3Frames(16));
  seeds.push({ name: 'gen-id3-frames.mp3', kind: 'mp3', bytes: tagged, fields: [{ name: 'id3 size', offset: 6, size: 4, littleEndian: false }, ...mp3Fields(tagged, id3.length)], oggPages: [] });
  return seeds;
}

/** The smallest real FLAC and Ogg files (small keeps thousands of decodes inside the time budget), plus one larger of each. */
function corpusSeeds(perFormat: number): Seed[] {
  const entries = corpusEntries().map((e) => ({ path: e.path, size: statSync(e.path).size }));
  const seeds: Seed[] = [];
  for (const extension of ['.flac', '.ogg'] as const) {
    const ofFormat = entries.filter((e) => e.path.endsWith(extension)).sort((a, b) => a.size - b.size || a.path.localeCompare(b.path));
    const chosen = [...ofFormat.slice(0, perFormat), ofFormat[Math.floor(ofFormat.length * 0.4)]];
    for (const entry of chosen) {
      const bytes = new Uint8Array(readFileSync(entry.path));
      const name = `corpus-${entry.path.split('/').slice(-2).join('-')}`;
      if (extension === '.flac') seeds.push({ name, kind: 'flac', bytes, fields: flacFields(bytes), oggPages: [] });
      else {
        const pages = oggPagesOf(bytes);
        seeds.push({ name, kind: 'ogg', bytes, fields: oggFields(bytes, pages), oggPages: pages });
      }
    }
  }
  return seeds;
}

export function buildSeeds(): Seed[] {
  return [...corpusSeeds(6), ...generatedSeeds()];
}

// ---- mutations -------------------------------------------------------------------------------

const INTERESTING = [0, 1, 2, 3, 7, 8, 15, 16, 24, 32, 33, 44, 127, 128, 255, 256, 1000, 0x7fff, 0x8000, 0xffff, 0x10000, 44100, 0x7fffffff, 0x80000000, 0xffffffff];

function writeField(bytes: Uint8Array, field: Field, value: number): void {
  const width = Math.min(field.size, 4);
  for (let i = 0; i < field.size; i++) {
    const shift = field.littleEndian ? i : field.size - 1 - i;
    // Fields wider than 4 bytes: the low 4 bytes take the value, the rest a sign fill.
    const byte = shift < width ? Math.floor(value / 2 ** (8 * shift)) & 0xff : value < 0 || value >= 0x80000000 ? 0xff : 0;
    const at = field.offset + i;
    if (at < bytes.length) bytes[at] = byte;
  }
}

let crcTable: Uint32Array | null = null;
/** Ogg's CRC-32 (polynomial 0x04c11db7, no reflection, zero init), over the page with its CRC field zeroed. */
function oggCrc(page: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let r = i << 24;
      for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
      crcTable[i] = r >>> 0;
    }
  }
  let crc = 0;
  for (let i = 0; i < page.length; i++) crc = ((crc << 8) ^ crcTable[((crc >>> 24) ^ page[i]) & 0xff]) >>> 0;
  return crc;
}

/** Recomputes the CRC of every intact-looking page so mutated fields get past the checksum into the parser. */
function fixOggCrcs(bytes: Uint8Array): void {
  for (const page of oggPagesOf(bytes)) {
    const segments = bytes[page + 26];
    let length = 27 + segments;
    if (page + length > bytes.length) return;
    for (let s = 0; s < segments; s++) length += bytes[page + 27 + s];
    if (page + length > bytes.length) return;
    bytes.fill(0, page + 22, page + 26);
    const crc = oggCrc(bytes.subarray(page, page + length));
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(page + 22, crc, true);
  }
}

type Mutator = (bytes: Uint8Array, seed: Seed, random: Random) => { bytes: Uint8Array; label: string };

const MUTATORS: { weight: number; mutate: Mutator }[] = [
  {
    weight: 4,
    mutate: (bytes, seed, random) => {
      const field = seed.fields.length ? pick(random, seed.fields) : { name: 'byte 0', offset: 0, size: 4 as const, littleEndian: true };
      const value = random() < 0.7 ? pick(random, INTERESTING) : Math.floor(random() * 2 ** 32);
      writeField(bytes, field, value);
      const fixCrc = seed.kind === 'ogg' && random() < 0.6;
      if (fixCrc) fixOggCrcs(bytes);
      return { bytes, label: `field ${field.name}=${value}${fixCrc ? ' (crc fixed)' : ''}` };
    },
  },
  {
    weight: 3,
    mutate: (bytes, _seed, random) => {
      const flips = 1 + intBelow(random, random() < 0.8 ? 8 : 256);
      // Most flips land in the first KiB (the headers), the rest anywhere.
      for (let i = 0; i < flips; i++) {
        const at = random() < 0.6 ? intBelow(random, Math.min(bytes.length, 1024)) : intBelow(random, bytes.length);
        bytes[at] ^= 1 << intBelow(random, 8);
      }
      return { bytes, label: `flip ${flips} bits` };
    },
  },
  {
    weight: 2,
    mutate: (bytes, _seed, random) => {
      const start = intBelow(random, bytes.length);
      const length = 1 + intBelow(random, random() < 0.7 ? 64 : 4096);
      const fill = pick(random, [0x00, 0xff, 0x80, -1]);
      for (let i = start; i < Math.min(bytes.length, start + length); i++) bytes[i] = fill < 0 ? intBelow(random, 256) : fill;
      return { bytes, label: `run ${length}×${fill < 0 ? 'random' : fill} at ${start}` };
    },
  },
  {
    weight: 3,
    mutate: (bytes, _seed, random) => {
      const at = random() < 0.3 ? intBelow(random, Math.min(bytes.length, 256)) : intBelow(random, bytes.length);
      return { bytes: bytes.slice(0, at), label: `truncate at ${at}` };
    },
  },
  {
    weight: 1,
    mutate: (bytes, _seed, random) => {
      // Remove or duplicate a span: shifts every later offset, as a bad copy or splice would.
      const start = intBelow(random, bytes.length);
      const length = 1 + intBelow(random, 512);
      if (random() < 0.5) return { bytes: concatBytes(bytes.subarray(0, start), bytes.subarray(start + length)), label: `delete ${length} at ${start}` };
      return { bytes: concatBytes(bytes.subarray(0, start + length), bytes.subarray(start)), label: `duplicate ${length} at ${start}` };
    },
  },
  {
    weight: 1,
    mutate: (bytes, seed, random) => {
      // A chunk id replaced by another format's or by garbage.
      const ids = seed.fields.filter((f) => f.name.endsWith(' id') || f.name.endsWith('magic') || f.name === 'form type');
      const field = ids.length ? pick(random, ids) : { name: 'byte 0', offset: 0, size: 4 as const, littleEndian: true };
      const replacement = pick(random, ['data', 'fmt ', 'LIST', 'JUNK', 'COMM', 'SSND', 'RIFF', 'FORM', 'OggS', 'fLaC', 'ID3\x04', '\0\0\0\0', 'AIFC', 'WAVE']);
      for (let i = 0; i < 4 && field.offset + i < bytes.length; i++) bytes[field.offset + i] = replacement.charCodeAt(i);
      return { bytes, label: `${field.name}→${JSON.stringify(replacement)}` };
    },
  },
];

const TOTAL_WEIGHT = MUTATORS.reduce((sum, m) => sum + m.weight, 0);

function pickMutator(random: Random): Mutator {
  let roll = random() * TOTAL_WEIGHT;
  for (const m of MUTATORS) {
    roll -= m.weight;
    if (roll < 0) return m.mutate;
  }
  return MUTATORS[0].mutate;
}

/** Case `index` of the run seeded `runSeed`: one seed file with one to three mutations. */
export function makeCase(seeds: readonly Seed[], runSeed: number, index: number): FuzzCase {
  const random = createRandom((runSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const seed = seeds[index % seeds.length];
  let bytes: Uint8Array = seed.bytes.slice();
  const mutations: string[] = [];
  const count = 1 + intBelow(random, 3);
  for (let i = 0; i < count && bytes.length > 0; i++) {
    const result = pickMutator(random)(bytes, seed, random);
    bytes = result.bytes;
    mutations.push(result.label);
  }
  const extension = seed.name.slice(seed.name.lastIndexOf('.'));
  return { index, seedName: seed.name, mutations, fileName: `fuzz-${index}${extension}`, bytes };
}
