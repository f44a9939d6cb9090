// Genre on real audio: folder names label what they name, the forest predicts the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { corpusEntries } from '../corpus.js';
import { openLibrary, type LibraryService } from '../../src-main/core/service/library-service.js';
import { refreshGenres } from '../../src-main/core/pipeline/refresh-genres.js';
import { findResourcesDir, loadAnalysisResources } from '../../src-main/core/pipeline/analysis-resources.js';

let library: LibraryService;
let samplesDir: string;
const heldOut: { name: string; genre: string }[] = [];

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'sdx-genre-'));
  samplesDir = join(root, 'samples');
  const entries = corpusEntries();
  // Breakbeat loops are drum & bass material; pads and drones are ambient material.
  const breaks = entries.filter((e) => /amen|jungle|break0|loop_perc|loop_safari|909beat/.test(e.detail) && e.category === 'loop');
  const pads = entries.filter((e) => e.category === 'pad');
  const place = (list: typeof entries, labelledFolder: string, genre: string): void => {
    list.forEach((entry, i) => {
      const labelled = i % 3 !== 0;
      const dir = labelled ? join(samplesDir, labelledFolder) : join(samplesDir, 'unsorted');
      mkdirSync(dir, { recursive: true });
      copyFileSync(entry.path, join(dir, basename(entry.path)));
      if (!labelled) heldOut.push({ name: basename(entry.path), genre });
    });
  };
  place(breaks, 'Jungle Breaks Vol 1', 'drum_and_bass');
  place(pads, 'Ambient Textures', 'ambient');
  library = await openLibrary({ libraryDir: join(root, 'library'), workers: 2 });
  await library.indexFolders([samplesDir]);
});

afterAll(async () => library?.close());

describe('genre', () => {
  it('labels samples from their pack folder names, marked as coming from the path', async () => {
    const page = await library.listSamples({ text: 'Jungle Breaks Vol 1' });
    expect(page.total).toBeGreaterThan(3);
    for (const s of page.items) expect(s.genre).toEqual({ value: 'drum_and_bass', source: 'path', confidence: 1 });
    const stats = await library.stats();
    expect(stats.genres.drum_and_bass).toBeGreaterThan(3);
    expect(stats.genres.ambient).toBeGreaterThan(3);
  });

  it('predicts the genre of unlabelled samples from the labelled ones, with confidence', async () => {
    let right = 0;
    for (const { name, genre } of heldOut) {
      const sample = (await library.listSamples({ text: `unsorted/${name}` })).items[0];
      expect(sample.genre?.source).toBe('model');
      expect(sample.genre!.confidence).toBeGreaterThan(0);
      if (sample.genre!.value === genre) right++;
    }
    expect(right / heldOut.length).toBeGreaterThanOrEqual(0.75);
  });

  it('retrains when a producer corrects a label, and the correction sticks', async () => {
    const sample = (await library.listSamples({ text: 'unsorted/' })).items[0];
    const corrected = await library.setGenre(sample.id, 'techno');
    expect(corrected.genre).toEqual({ value: 'techno', source: 'user', confidence: 1 });
    await library.indexFolders([samplesDir]);
    expect((await library.getSample(sample.id))!.genre).toEqual({ value: 'techno', source: 'user', confidence: 1 });
    const handedBack = await library.setGenre(sample.id, null);
    expect(handedBack.genre?.source).toBe('model');
  });

  it('rewrites no label when nothing changed (a catalogue row is kilobytes: 100k rewrites cost seconds)', () => {
    const { catalogue } = library;
    const { embeddingModel } = loadAnalysisResources(findResourcesDir());
    refreshGenres(catalogue, embeddingModel);
    const before = [...catalogue.iterateGenreInputs()].map(({ id, genre, genreSource, genreConfidence }) => ({ id, genre, genreSource, genreConfidence }));
    const writes: number[] = [];
    const setGenres = catalogue.setGenres.bind(catalogue);
    catalogue.setGenres = (labels) => {
      writes.push(labels.length);
      setGenres(labels);
    };
    try {
      const { labelled, predicted } = refreshGenres(catalogue, embeddingModel);
      expect(labelled + predicted).toBeGreaterThan(10);
      expect(writes).toEqual([0]);
    } finally {
      catalogue.setGenres = setGenres;
    }
    expect([...catalogue.iterateGenreInputs()].map(({ id, genre, genreSource, genreConfidence }) => ({ id, genre, genreSource, genreConfidence }))).toEqual(before);
  });
});
