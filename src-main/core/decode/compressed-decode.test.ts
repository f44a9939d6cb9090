// FLAC, Ogg Vorbis and MP3 through the wasm decoders, on the real labelled corpus, plus damaged
// and hostile input. Every failure must be a DecodeError with a reason.
import { describe, expect, it } from 'vitest';
import { corpusEntries, type CorpusEntry } from '../../../test/corpus.js';
import { ANALYSIS_RATE, decodeAudio, DecodeError } from './index.js';
import { encodeWav } from './testing/write-pcm.js';
import { readBytes } from './testing/read-bytes.js';
import { concatBytes, MP3_SAMPLES_PER_FRAME, noiseBytes, silentMp3Frames } from './testing/synthetic-bytes.js';
import { releaseIdleDecoders } from './wasm-codecs.js';

const entries = corpusEntries();
const flacs = entries.filter((entry) => entry.path.endsWith('.flac'));
const oggs = entries.filter((entry) => entry.path.endsWith('.ogg'));
const read = (entry: CorpusEntry) => readBytes(entry.path.trim());
const largest = (list: CorpusEntry[]) => list.map((entry) => ({ entry, bytes: read(entry) })).sort((a, b) => b.bytes.length - a.bytes.length)[0];

async function reasonFor(bytes: Uint8Array, name: string): Promise<string> {
  const error = await decodeAudio(bytes, name).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DecodeError);
  return (error as DecodeError).message;
}

describe('corpus FLAC and Ogg Vorbis', () => {
  it('has both formats to test', () => {
    expect(flacs.length).toBeGreaterThan(50);
    expect(oggs.length).toBeGreaterThan(50);
  });

  it('decodes every corpus file with a sensible duration and audible content', async () => {
    for (const entry of entries) {
      const bytes = read(entry);
      const decoded = await decodeAudio(bytes, entry.path);
      const { format } = decoded;
      const wrappedInWav = entry.path.endsWith('.ogg') && bytes[0] === 0x52; // 'RIFF': Vorbis-in-WAV
      expect(format.container, entry.path).toBe(entry.path.endsWith('.flac') ? 'flac' : wrappedInWav ? 'wav' : 'ogg');
      expect(format.codec).toBe(entry.path.endsWith('.flac') ? 'flac' : 'vorbis');
      expect(format.durationSec, entry.path).toBeGreaterThan(0.01);
      expect(format.durationSec, entry.path).toBeLessThan(120);
      expect(decoded.partial, entry.path).toBeNull();
      expect(decoded.sourcePeak, entry.path).toBeGreaterThan(0.001);
      expect(decoded.nonFiniteSamples).toBe(0);
      const windowSec = Math.min(format.durationSec, 30);
      expect(Math.abs(decoded.samples.length - windowSec * ANALYSIS_RATE), entry.path).toBeLessThanOrEqual(2);
      expect(decoded.windowed).toBe(format.durationSec > 30);
    }
  });

  it('reports FLAC bit depth and leaves it null for Vorbis', async () => {
    expect((await decodeAudio(read(flacs[0]), 'a.flac')).format.bitDepth).toBeGreaterThanOrEqual(16);
    expect((await decodeAudio(read(oggs[0]), 'a.ogg')).format.bitDepth).toBeNull();
  });

  it('decodes only the window of a long file yet reports its full duration, matching a full decode', async () => {
    for (const { bytes } of [largest(flacs), largest(oggs)]) {
      const full = await decodeAudio(bytes, 'full', { maxAnalysisSec: 600 });
      expect(full.windowed).toBe(false);
      const windowed = await decodeAudio(bytes, 'window', { maxAnalysisSec: 1 });
      expect(windowed.windowed).toBe(true);
      expect(windowed.partial).toBeNull();
      expect(windowed.samples.length).toBe(ANALYSIS_RATE);
      expect(windowed.format.durationSec).toBeCloseTo(full.format.durationSec, 2);
      // Same audio as the start of the full decode, away from the window's resampling edge.
      for (let i = 0; i < ANALYSIS_RATE - 200; i += 97) expect(windowed.samples[i]).toBeCloseTo(full.samples[i], 5);
    }
  });

  it('decodes the start of a truncated file and says it is partial', async () => {
    for (const { bytes } of [largest(flacs), largest(oggs)]) {
      const full = await decodeAudio(bytes, 'full');
      const cut = await decodeAudio(bytes.subarray(0, Math.floor(bytes.length * 0.6)), 'cut');
      expect(cut.partial).toMatch(/truncated|frames decoded|damage/);
      expect(cut.format.durationSec).toBeLessThan(full.format.durationSec * 0.8);
      expect(cut.format.durationSec).toBeGreaterThan(full.format.durationSec * 0.3);
      expect(cut.sourcePeak).toBeGreaterThan(0.001);
    }
  });

  it('survives damage in the middle of a file: decodes it and flags it, or refuses it with a reason', async () => {
    for (const { bytes } of [largest(flacs), largest(oggs)]) {
      const damaged = bytes.slice();
      damaged.set(noiseBytes(4096, 99), Math.floor(bytes.length / 2));
      const outcome = await decodeAudio(damaged, 'damaged').then(
        (decoded) => decoded.partial ?? 'decoded without noticing',
        (error: unknown) => (error instanceof DecodeError ? error.message : `not a DecodeError: ${String(error)}`),
      );
      expect(outcome).not.toMatch(/not a DecodeError/);
    }
  });
});

describe('decoders kept between files', () => {
  it('give every file exactly what a fresh decoder gives, also right after truncated and damaged files', async () => {
    // Interleave each format's files with broken copies of their neighbours, so a kept decoder
    // always follows a file that could have left state behind.
    const sequence: Uint8Array[] = [];
    for (const [i, entry] of [...flacs.slice(0, 12), ...oggs.slice(0, 12)].entries()) {
      const bytes = read(entry);
      sequence.push(bytes);
      if (i % 3 === 0) sequence.push(bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      if (i % 3 === 1) {
        const damaged = bytes.slice();
        damaged.set(noiseBytes(2048, i), Math.floor(bytes.length / 2));
        sequence.push(damaged);
      }
    }
    const outcome = (bytes: Uint8Array) =>
      decodeAudio(bytes, 'kept').then(
        (decoded) => decoded,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    releaseIdleDecoders();
    const kept = [];
    for (const bytes of sequence) kept.push(await outcome(bytes));
    for (const [i, bytes] of sequence.entries()) {
      releaseIdleDecoders();
      const fresh = await outcome(bytes);
      if (typeof fresh === 'string') {
        expect(kept[i]).toBe(fresh);
        continue;
      }
      const reused = kept[i];
      if (typeof reused === 'string') throw new Error(`file ${i}: a kept decoder failed (${reused}) where a fresh one decoded`);
      expect(reused.format).toEqual(fresh.format);
      expect(reused.partial).toBe(fresh.partial);
      expect(reused.samples.length).toBe(fresh.samples.length);
      expect(reused.samples.every((sample, j) => sample === fresh.samples[j]), `file ${i}: samples differ`).toBe(true);
    }
  });
});

describe('a damaged Vorbis packet header', () => {
  it('is reported as damage, not as the decoder\'s internal error', async () => {
    // One bit flipped in a corpus bass makes @audio/decode-vorbis's parser call an undefined function.
    const entry = oggs.find((candidate) => candidate.detail === 'bass_hard02');
    expect(entry, 'lmms bass_hard02.ogg in the corpus').toBeDefined();
    const bytes = read(entry!).slice();
    bytes[4006] ^= 2;
    expect(await reasonFor(bytes, 'bass_hard02.ogg')).toMatch(/^Ogg Vorbis data could not be decoded: damaged stream \(the decoder stopped inside it: /);
  });
});

describe('compressed streams wrapped in WAV', () => {
  it('decodes the Vorbis-in-WAV files LMMS ships (format tag 0x674f) as Vorbis', async () => {
    const wrapped = oggs.filter((entry) => read(entry)[0] === 0x52);
    expect(wrapped.length).toBeGreaterThan(0);
    for (const entry of wrapped) {
      const decoded = await decodeAudio(read(entry), entry.path);
      expect(decoded.format).toMatchObject({ container: 'wav', codec: 'vorbis' });
      expect(decoded.sourcePeak).toBeGreaterThan(0.01);
    }
  });
});

describe('hostile and mislabelled input', () => {
  it('decodes a WAV named .mp3 as WAV', async () => {
    const wav = encodeWav({ channels: [new Float32Array(441).fill(0.5)], sampleRate: 44100, format: 'pcm16' });
    expect((await decodeAudio(wav, 'actually-a-wav.mp3')).format.container).toBe('wav');
  });

  it('refuses garbage with an audio header prefix with a reason, never a crash or hang', async () => {
    const flacHeader = read(flacs[0]).subarray(0, 42); // fLaC + STREAMINFO only
    const oggFirstPage = read(oggs[0]).subarray(0, 58);
    const reasons = [
      await reasonFor(concatBytes(new TextEncoder().encode('fLaC'), noiseBytes(3000)), 'noise.flac'),
      await reasonFor(flacHeader, 'header-only.flac'),
      await reasonFor(concatBytes(flacHeader, noiseBytes(20000)), 'noise-after-header.flac'),
      await reasonFor(concatBytes(new TextEncoder().encode('OggS'), noiseBytes(3000)), 'noise.ogg'),
      await reasonFor(concatBytes(oggFirstPage, noiseBytes(20000)), 'noise-after-page.ogg'),
      await reasonFor(noiseBytes(100_000, 7), 'noise.mp3'),
      await reasonFor(new Uint8Array(0), 'empty.flac'),
    ];
    expect(reasons.slice(0, 5)).toEqual([
      'FLAC file does not begin with a STREAMINFO block (damaged header)',
      'FLAC file has a header but no audio frames',
      'FLAC data could not be decoded: no audio came out (file ends inside its metadata blocks (truncated or damaged))',
      'Ogg file ends inside its first page',
      'Ogg Vorbis data could not be decoded: no audio came out (file is truncated: it ends inside an Ogg page)',
    ]);
    expect(reasons[5]).toBe('unrecognised data: not WAV, AIFF, FLAC, MP3 or Ogg');
    expect(reasons[6]).toBe('empty file (0 bytes)');
  });

  it('refuses a PNG renamed .flac and text renamed .wav', async () => {
    const png = concatBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noiseBytes(500));
    expect(await reasonFor(png, 'cover.flac')).toBe('not an audio file (looks like a PNG image)');
    expect(await reasonFor(new TextEncoder().encode('kick drum, 120 bpm, royalty free\n'), 'notes.wav')).toBe('not an audio file (looks like a text file)');
  });
});

describe('MP3 (synthetic frames; no encoder is available to make real ones)', () => {
  it('decodes silent MP3 frames to silence of the right length', async () => {
    const frames = 40;
    const decoded = await decodeAudio(silentMp3Frames(frames), 'silence.mp3');
    expect(decoded.format).toMatchObject({ container: 'mp3', codec: 'mp3', sampleRate: 44100, channels: 2, bitDepth: null });
    expect(decoded.format.durationSec).toBeGreaterThan(((frames - 2) * MP3_SAMPLES_PER_FRAME) / 44100);
    expect(decoded.format.durationSec).toBeLessThan(((frames + 2) * MP3_SAMPLES_PER_FRAME) / 44100);
    expect(decoded.sourcePeak).toBe(0);
  });

  it('decodes only the window of a long MP3 and estimates its length from the constant bitrate', async () => {
    const frames = 2000; // 52 s
    const tagged = concatBytes(new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 20]), new Uint8Array(20), silentMp3Frames(frames));
    const decoded = await decodeAudio(tagged, 'long.mp3', { maxAnalysisSec: 5 });
    expect(decoded.windowed).toBe(true);
    expect(decoded.samples.length).toBe(5 * ANALYSIS_RATE);
    // Within 1%: the estimate assumes the average frame size of 128 kbit/s (padding included).
    expect(decoded.format.durationSec / ((frames * MP3_SAMPLES_PER_FRAME) / 44100)).toBeCloseTo(1, 2);
  });
});
