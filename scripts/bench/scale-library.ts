// A synthetic large library for the scale bench: N tiny WAV files in many folders, and a catalogue
// with one analysed row per file written straight through the Catalogue class (fake descriptors,
// waveform and embedding of the real sizes), so 100k rows take a minute instead of an analysis run.
// Built once under a cache folder and reused: `ready.json` marks a finished build.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalogue } from '../../src-main/core/catalogue/catalogue.js';
import { libraryFiles } from '../../src-main/core/service/library-paths.js';
import { ANALYSIS_VERSION, DESCRIPTOR_NAMES } from '../../src-main/core/analyse/index.js';
import { SCHEMA_VERSION } from '../../src-main/core/catalogue/schema.js';
import { findResourcesDir } from '../../src-main/core/pipeline/analysis-resources.js';
import { MODELS_STAMP_KEY, modelsStamp } from '../../src-main/core/pipeline/refresh-model-outputs.js';
import { CATEGORIES, KINDS } from '../../src-shared/taxonomy.js';
import type { AnalysedSample } from '../../src-main/core/catalogue/records.js';
import { seededRandom, clusteredVectors } from './synthetic-vectors.js';

export interface ScaleLibrary {
  /** The folder indexFolders is pointed at. */
  filesDir: string;
  /** The library folder openLibrary opens (catalogue + vector index). */
  libraryDir: string;
  count: number;
}

const FILES_PER_FOLDER = 100;
const GENRES = ['house', 'techno', 'drum_and_bass', 'hip_hop', 'trap', 'ambient', 'dubstep', 'garage'];
const NOTES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const TAGS = ['dark', 'punchy', 'warm', 'vintage', 'wide', 'dry'];

/** A 16-bit mono WAV: the 44-byte header and 16 silent-ish samples. */
function tinyWav(seed: number): Buffer {
  const frames = 16;
  const buffer = Buffer.alloc(44 + frames * 2);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + frames * 2, 4);
  buffer.write('WAVEfmt ', 8, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(44_100, 24);
  buffer.writeUInt32LE(88_200, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(frames * 2, 40);
  // Distinct bytes per file, so content hashes would differ as in a real library.
  for (let i = 0; i < frames; i++) buffer.writeInt16LE(((seed * 31 + i * 7919) % 2000) - 1000, 44 + i * 2);
  return buffer;
}

/** Builds (or reuses) the library under `cacheDir`; `dimension` comes from the shipped embedding model. */
export function ensureScaleLibrary(cacheDir: string, count: number, dimension: number, log: (line: string) => void): ScaleLibrary {
  const root = join(cacheDir, `scale-${count}`);
  const library: ScaleLibrary = { filesDir: join(root, 'files'), libraryDir: join(root, 'library'), count };
  const marker = join(root, 'ready.json');
  // Rebuilt when the shipped models or the analysis change: rows of an older analysis version would
  // all be re-analysed by the re-scan, and older model outputs re-derived at open (both measured elsewhere).
  const stamp = { dimension, analysisVersion: ANALYSIS_VERSION, schema: SCHEMA_VERSION, models: modelsStamp(findResourcesDir()) };
  if (existsSync(marker)) {
    const built = JSON.parse(readFileSync(marker, 'utf8')) as Partial<typeof stamp>;
    if (built.dimension === stamp.dimension && built.analysisVersion === stamp.analysisVersion && built.schema === stamp.schema && built.models === stamp.models) return library;
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(library.libraryDir, { recursive: true });
  const started = performance.now();
  log(`building a ${count}-file synthetic library under ${root} (once)...`);

  const random = seededRandom(20_240_601);
  const embeddings = clusteredVectors(count, dimension, 3);
  const catalogue = new Catalogue(libraryFiles(library.libraryDir).catalogue);
  try {
    catalogue.transaction(() => {
      for (let i = 0; i < count; i++) {
        const folder = Math.floor(i / FILES_PER_FOLDER);
        // pack/sub-folder/file: 1,000 leaf folders for 100k files, as in a real sample collection.
        const dir = join(library.filesDir, `pack-${String(Math.floor(folder / 10)).padStart(3, '0')}`, `${CATEGORIES[folder % CATEGORIES.length]}s-${folder % 10}`);
        if (i % FILES_PER_FOLDER === 0) mkdirSync(dir, { recursive: true });
        const category = CATEGORIES[(folder + i) % CATEGORIES.length];
        const kind = category === 'loop' || i % 7 === 0 ? KINDS[1] : KINDS[0];
        const path = join(dir, `${category}_${String(i).padStart(6, '0')}.wav`);
        writeFileSync(path, tinyWav(i));
        const info = statSync(path);
        // Every descriptor the analysis writes, in its order, as a real row holds them.
        const descriptors = Object.fromEntries(DESCRIPTOR_NAMES.map((name) => [name, random() * 100 - 50]));
        const durationSec = kind === 'loop' ? 2 + random() * 14 : 0.05 + random() * 2;
        const result: AnalysedSample = {
          audioHash: `audio-${i}`,
          format: { container: 'wav', codec: 'pcm_s16', sampleRate: 44_100, channels: 1, bitDepth: 16, durationSec },
          durationSec,
          descriptors,
          embedding: embeddings.subarray(i * dimension, (i + 1) * dimension),
          waveform: Array.from({ length: 200 }, () => Math.round(random() * 1000) / 1000),
          decode: { partial: null, windowed: false, sourcePeak: 0.9, clippedFraction: 0, dcOffset: 0, nonFiniteSamples: 0 },
          kind: { value: kind, confidence: 0.9 },
          category: { value: category, confidence: 0.5 + random() / 2 },
          bpm: kind === 'loop' ? 70 + Math.floor(random() * 110) : null,
          key: kind === 'loop' && i % 3 !== 0 ? `${NOTES[i % 12]} ${i % 2 ? 'minor' : 'major'}` : null,
          note: kind === 'one-shot' && i % 2 === 0 ? NOTES[i % 12] : null,
          anomalyReasons: i % 97 === 0 ? ['clipped'] : [],
        };
        const id = catalogue.upsertAnalysed({ path, sizeBytes: info.size, mtimeMs: Math.floor(info.mtimeMs), contentHash: `content-${i}` }, result);
        if (i % 13 === 0) catalogue.setTags(id, [TAGS[i % TAGS.length], TAGS[(i >> 3) % TAGS.length]]);
        if (i % 50 === 0) catalogue.setFavourite(id, true);
        if (i % 2 === 0) catalogue.setGenres([{ id, genre: GENRES[(i >> 1) % GENRES.length], source: 'model', confidence: 0.6 }]);
        if (i % 10_000 === 9_999) log(`  ${i + 1} rows`);
      }
    });
    // Its synthetic vectors stand for what the shipped models made: opening it must not re-derive them.
    catalogue.setMeta(MODELS_STAMP_KEY, stamp.models);
  } finally {
    catalogue.close();
  }
  writeFileSync(marker, JSON.stringify({ count, ...stamp, builtInSec: (performance.now() - started) / 1000 }));
  log(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return library;
}
