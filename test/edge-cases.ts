// Generates the bad and odd files a real sample folder holds, for tests and the fuzz/bench scripts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav } from '../src-main/core/decode/testing/write-pcm.js';

export interface EdgeCase {
  name: string;
  /** true when the file must analyse; false when it must fail with a per-file reason. */
  decodable: boolean;
  /** An anomaly reason the analysis must report, when there is one. */
  reason?: string;
}

function tone(seconds: number, rate: number, hz: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / rate) * Math.exp(-i / (rate * 0.2));
  return out;
}

export function writeEdgeCases(dir: string): EdgeCase[] {
  const cases: EdgeCase[] = [];
  const put = (name: string, bytes: Uint8Array | string, expectation: Omit<EdgeCase, 'name'>): void => {
    writeFileSync(join(dir, name), bytes);
    cases.push({ name, ...expectation });
  };
  const wav16 = encodeWav({ channels: [tone(0.5, 44100, 220)], sampleRate: 44100, format: 'pcm16' });
  put('empty.wav', new Uint8Array(0), { decodable: false });
  put('random bytes.flac', Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24), { decodable: false });
  put('notes.mp3', 'this is a text file, not audio\n'.repeat(20), { decodable: false });
  put('image.ogg', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(200).fill(0)]), { decodable: false });
  put('header only.wav', wav16.subarray(0, 44), { decodable: false });
  put('truncated.wav', wav16.subarray(0, Math.floor(wav16.length / 2)), { decodable: true, reason: 'corrupt' });
  put('UPPER CASE.WAV', wav16, { decodable: true });
  put('ünïcødé 🥁 kick.wav', encodeWav({ channels: [tone(0.3, 48000, 60, 0.9)], sampleRate: 48000, format: 'pcm24' }), { decodable: true });
  put('wav named.mp3', encodeWav({ channels: [tone(0.4, 22050, 440)], sampleRate: 22050, format: 'pcm8' }), { decodable: true });
  put('silent.wav', encodeWav({ channels: [new Float32Array(22050)], sampleRate: 44100, format: 'pcm16' }), { decodable: true, reason: 'silent' });
  const clipped = tone(0.5, 44100, 110, 3).map((x) => Math.max(-1, Math.min(1, x)));
  put('clipped.wav', encodeWav({ channels: [clipped], sampleRate: 44100, format: 'float32' }), { decodable: true, reason: 'clipped' });
  const six = Array.from({ length: 6 }, (_, c) => tone(0.3, 192000, 100 * (c + 1)));
  put('surround 192k.wav', encodeWav({ channels: six, sampleRate: 192000, format: 'pcm24', extensible: true }), { decodable: true });
  put('ten samples.wav', encodeWav({ channels: [tone(10 / 8000, 8000, 1000)], sampleRate: 8000, format: 'pcm16' }), { decodable: true });
  return cases;
}
