// A small real sample folder for the UI to index: ~30 public corpus files from several categories,
// in category-named subfolders like a producer's library, plus two generated faulty files
// (silence, hard clipping) that the anomaly checks must flag.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { corpusEntries, type CorpusEntry } from '../../test/corpus.js';

const PICKS_PER_CATEGORY: Record<string, number> = {
  kick: 4, snare: 4, hihat: 3, clap: 2, cymbal: 2, tom: 2, perc: 3, bass: 3, pad: 3, fx: 2, loop: 3, guitar: 1,
};

export interface SampleFolder {
  root: string;
  /** File names in the folder, by corpus category. */
  files: { name: string; category: string; path: string }[];
  silentName: string;
  clippedName: string;
  /** A library file's path to drop on the "find similar" zone (its copy must rank first). */
  dropFile: string;
  /** A corpus file NOT in the folder, for dropping a sound the library has never seen. */
  unseenFile: CorpusEntry;
}

/** 16-bit mono PCM WAV from float samples in [-1, 1] (values beyond are clipped, as a converter would). */
export function pcm16Wav(samples: Float32Array, sampleRate = 44_100): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export function createSampleFolder(root: string): SampleFolder {
  const byCategory = new Map<string, CorpusEntry[]>();
  for (const entry of corpusEntries()) {
    byCategory.set(entry.category, [...(byCategory.get(entry.category) ?? []), entry]);
  }
  const files: SampleFolder['files'] = [];
  let unseenFile: CorpusEntry | null = null;
  for (const [category, count] of Object.entries(PICKS_PER_CATEGORY)) {
    const entries = byCategory.get(category) ?? [];
    const folder = join(root, category);
    mkdirSync(folder, { recursive: true });
    for (const entry of entries.slice(0, count)) {
      const target = join(folder, basename(entry.path));
      copyFileSync(entry.path, target);
      files.push({ name: basename(entry.path), category, path: target });
    }
    if (!unseenFile && category === 'kick') unseenFile = entries[count] ?? null;
  }
  if (!unseenFile) throw new Error('corpus has too few kicks for the e2e fixture');

  const rate = 44_100;
  const anomalies = join(root, 'bad');
  mkdirSync(anomalies, { recursive: true });
  const silentName = 'dead-silence.wav';
  writeFileSync(join(anomalies, silentName), pcm16Wav(new Float32Array(rate), rate));
  const clippedName = 'clipped-sine.wav';
  const clipped = new Float32Array(rate);
  for (let i = 0; i < clipped.length; i++) clipped[i] = 4 * Math.sin((2 * Math.PI * 110 * i) / rate);
  writeFileSync(join(anomalies, clippedName), pcm16Wav(clipped, rate));

  const dropFile = files.find((file) => file.category === 'snare')?.path ?? files[0].path;
  return { root, files, silentName, clippedName, dropFile, unseenFile };
}
