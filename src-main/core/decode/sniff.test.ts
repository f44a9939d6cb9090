import { describe, expect, it } from 'vitest';
import { AUDIO_EXTENSIONS, isAudioFileName, sniffContainer } from './index.js';
import { describeUnrecognised } from './sniff.js';
import { findMpegStream, readMpegFrameHeader } from './mpeg-frames.js';
import { encodeAiff, encodeWav } from './testing/write-pcm.js';
import { concatBytes as concat, MP3_FRAME_HEADER, noiseBytes, silentMp3Frames } from './testing/synthetic-bytes.js';

const MP3_HEADER = [...MP3_FRAME_HEADER];

function id3Tag(bodyBytes: number): Uint8Array {
  const tag = new Uint8Array(10 + bodyBytes);
  tag.set([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, (bodyBytes >> 7) & 0x7f, bodyBytes & 0x7f]);
  return tag;
}

const text = (value: string) => new TextEncoder().encode(value);

describe('sniffContainer', () => {
  const mono = [new Float32Array(64)];

  it('recognises each container by its magic bytes', () => {
    expect(sniffContainer(encodeWav({ channels: mono, sampleRate: 44100, format: 'pcm16' }))).toBe('wav');
    expect(sniffContainer(encodeAiff({ channels: mono, sampleRate: 44100, format: 'pcm16' }))).toBe('aiff');
    expect(sniffContainer(encodeAiff({ channels: mono, sampleRate: 44100, format: 'pcm16', aifc: 'sowt' }))).toBe('aiff');
    expect(sniffContainer(concat(text('fLaC'), new Uint8Array(60)))).toBe('flac');
    expect(sniffContainer(concat(id3Tag(100), text('fLaC'), new Uint8Array(60)))).toBe('flac');
    expect(sniffContainer(concat(text('OggS'), new Uint8Array(60)))).toBe('ogg');
  });

  it('recognises MP3 without an ID3 tag by a chain of frame headers', () => {
    expect(sniffContainer(silentMp3Frames(3))).toBe('mp3');
    expect(sniffContainer(concat(new Uint8Array(7), silentMp3Frames(4)))).toBe('mp3');
    expect(sniffContainer(concat(id3Tag(300), silentMp3Frames(3)))).toBe('mp3');
    expect(findMpegStream(concat(new Uint8Array(7), silentMp3Frames(4)), 0, 4096)?.offset).toBe(7);
  });

  it('does not call a lone 0xFFE sync or a broken chain MP3', () => {
    expect(sniffContainer(concat(new Uint8Array(MP3_HEADER), noiseBytes(2000)))).toBeNull();
    const broken = silentMp3Frames(3);
    broken[417] = 0; // second frame's sync destroyed
    expect(sniffContainer(broken)).toBeNull();
    expect(sniffContainer(new Uint8Array(2000).fill(0xff))).toBeNull();
  });

  it('reads MPEG frame headers', () => {
    expect(readMpegFrameHeader(new Uint8Array(MP3_HEADER), 0)).toEqual({
      version: 1,
      layer: 3,
      bitrateKbps: 128,
      sampleRate: 44100,
      channels: 2,
      frameBytes: 417,
      samplesPerFrame: 1152,
    });
    // MPEG-2 Layer III, 64 kbit/s, 22.05 kHz, mono.
    expect(readMpegFrameHeader(new Uint8Array([0xff, 0xf3, 0x80, 0xc0]), 0)).toMatchObject({ version: 2, sampleRate: 22050, channels: 1, samplesPerFrame: 576, frameBytes: 208 });
    expect(readMpegFrameHeader(new Uint8Array([0xff, 0xfb, 0xf0, 0x64]), 0)).toBeNull(); // bitrate index 15
    expect(readMpegFrameHeader(new Uint8Array([0xff, 0xfb, 0x9c, 0x64]), 0)).toBeNull(); // rate index 3
  });

  it('recognises nothing in non-audio and says what it looks like', () => {
    const png = concat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), new Uint8Array(100));
    const cases: Array<[Uint8Array, string]> = [
      [new Uint8Array(0), 'empty file (0 bytes)'],
      [png, 'not an audio file (looks like a PNG image)'],
      [concat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), new Uint8Array(100)), 'not an audio file (looks like a JPEG image)'],
      [text('%PDF-1.4\n...'), 'not an audio file (looks like a PDF document)'],
      [concat(text('PK\x03\x04'), new Uint8Array(60)), 'not an audio file (looks like a ZIP archive)'],
      [concat(text('MThd'), new Uint8Array(60)), 'not an audio file (looks like a MIDI file (notes, not audio))'],
      [concat(text('RIFF\x00\x00\x00\x00AVI '), new Uint8Array(60)), 'not an audio file (looks like an AVI video)'],
      [text('This is a README, renamed to kick.wav by mistake.\n'), 'not an audio file (looks like a text file)'],
      [text('<!DOCTYPE html><html><body>404</body></html>'), 'not an audio file (looks like an HTML page)'],
      [text('{"name": "not audio", "ok": true}'), 'not an audio file (looks like a JSON file)'],
      [new Uint8Array(4096), 'not an audio file (every byte is zero: the file was never written or was wiped)'],
      [concat(id3Tag(50), noiseBytes(500)), 'ID3 tag found, but no MP3 or FLAC audio follows it'],
      [new Uint8Array([1, 2, 3]), 'too short to be audio (3 bytes)'],
      [noiseBytes(5000), 'unrecognised data: not WAV, AIFF, FLAC, MP3 or Ogg'],
    ];
    for (const [bytes, reason] of cases) {
      expect(sniffContainer(bytes)).toBeNull();
      expect(describeUnrecognised(bytes)).toBe(reason);
    }
  });
});

describe('audio file names', () => {
  it('matches the audio extensions in any case and nothing else', () => {
    expect(AUDIO_EXTENSIONS).toEqual(['.wav', '.wave', '.aif', '.aiff', '.aifc', '.flac', '.mp3', '.ogg', '.oga']);
    for (const name of ['kick.wav', 'KICK.WAV', 'a.b.Aiff', 'x.aifc', 'pad.FLAC', 'loop.Mp3', 'v.ogg', 'v.oga', 'a.wave']) expect(isAudioFileName(name)).toBe(true);
    for (const name of ['kick.wav.asd', 'readme.txt', 'wav', '.wavx', 'noext', 'cover.png', 'song.m4a']) expect(isAudioFileName(name)).toBe(false);
  });
});
