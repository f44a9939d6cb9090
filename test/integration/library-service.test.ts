// The core end to end on real audio: index, search, incremental re-runs, moves, deletions,
// failures with reasons, persistence, and the one-writer lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { corpusEntries } from '../corpus.js';
import { writeEdgeCases, type EdgeCase } from '../edge-cases.js';
import { openLibrary, type LibraryService } from '../../src-main/core/service/library-service.js';

const perCategory = 4;
let samplesDir: string;
let libraryDir: string;
let library: LibraryService;
let edgeCases: EdgeCase[];
let realCount = 0;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'sdx-lib-'));
  samplesDir = join(root, 'samples');
  libraryDir = join(root, 'library');
  const seen = new Map<string, number>();
  for (const entry of corpusEntries()) {
    const n = seen.get(entry.category) ?? 0;
    if (n >= perCategory) continue;
    seen.set(entry.category, n + 1);
    const dir = join(samplesDir, entry.source.replace(':', '-'), entry.category);
    mkdirSync(dir, { recursive: true });
    copyFileSync(entry.path, join(dir, basename(entry.path)));
    realCount++;
  }
  mkdirSync(join(samplesDir, 'odd'), { recursive: true });
  edgeCases = writeEdgeCases(join(samplesDir, 'odd'));
  library = await openLibrary({ libraryDir, workers: 2 });
});

afterAll(async () => library?.close());

describe('LibraryService on real audio', () => {
  it('indexes every file, records a clear reason for each broken one, and goes on', async () => {
    const progress: string[] = [];
    const dispose = library.onIndexProgress((p) => progress.push(p.phase));
    const summary = await library.indexFolders([samplesDir]);
    dispose();
    const broken = edgeCases.filter((c) => !c.decodable);
    expect(summary.total).toBe(realCount + edgeCases.length);
    expect(summary.failed).toBe(broken.length);
    expect(summary.analysed).toBe(realCount + edgeCases.length - broken.length);
    for (const c of broken) {
      const error = summary.errors.find((e) => e.path.endsWith(c.name));
      expect(error?.error, c.name).toMatch(/\w{4,}/);
    }
    expect(progress[0]).toBe('scanning');
    expect(progress).toContain('analysing');
    expect(progress.at(-1)).toBe('done');
    const stats = await library.stats();
    expect(stats.total_samples).toBe(summary.total);
    expect(stats.failed).toBe(broken.length);
    expect(stats.embedding_dimension).toBeGreaterThan(8);
  });

  it('reports anomaly reasons for silent, clipped and truncated files', async () => {
    for (const c of edgeCases.filter((e) => e.reason)) {
      const sample = (await library.listSamples({ text: c.name })).items[0];
      expect(sample.anomaly.reasons, c.name).toContain(c.reason);
      expect(sample.anomaly.flagged).toBe(true);
    }
  });

  it('finds similar sounds: the neighbours of a kick are mostly drums, ranked by distance', async () => {
    const kicks = (await library.listSamples({ text: '/kick/' })).items;
    expect(kicks.length).toBeGreaterThan(0);
    const hits = await library.similarToSample(kicks[0].id, { n: 5 });
    expect(hits).toHaveLength(5);
    expect(hits.some((h) => h.sample.id === kicks[0].id)).toBe(false);
    const distances = hits.map((h) => h.distance);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    const drumish = hits.filter((h) => /kick|tom|snare|perc|bass|clap/.test(h.sample.path)).length;
    expect(drumish).toBeGreaterThanOrEqual(3);
  });

  it('re-running on an unchanged library analyses nothing', async () => {
    const summary = await library.indexFolders([samplesDir]);
    expect(summary).toMatchObject({ analysed: 0, failed: 0, moved: 0, removed: 0, toAnalyse: 0 });
    expect(summary.unchanged).toBe(summary.total);
  });

  it('re-analyses changed files, removes deleted ones, recognises moves without re-analysis', async () => {
    const page = await library.listSamples({ text: '/kick/', limit: 3 });
    const [toMove, toDelete] = page.items;
    await library.setTags(toMove.id, ['favourite kick']);
    const movedPath = join(samplesDir, 'moved', `renamed ${toMove.name}`);
    mkdirSync(join(samplesDir, 'moved'), { recursive: true });
    renameSync(toMove.path, movedPath);
    rmSync(toDelete.path);
    const changed = join(samplesDir, 'odd', 'UPPER CASE.WAV');
    copyFileSync(join(samplesDir, 'odd', 'ünïcødé 🥁 kick.wav'), changed);

    const summary = await library.indexFolders([samplesDir]);
    expect(summary.moved).toBe(1);
    expect(summary.removed).toBe(1);
    // The changed file has the bytes of another analysed file: its analysis is reused, not recomputed.
    expect(summary.analysed).toBe(1);
    const moved = await library.getSample(toMove.id);
    expect(moved).toMatchObject({ path: movedPath, tags: ['favourite kick'] });
    expect(await library.getSample(toDelete.id)).toBeNull();
    const hits = await library.similarToSample(toMove.id, { n: 3 });
    expect(hits.every((h) => h.sample.id !== toDelete.id)).toBe(true);
  });

  it('finds sounds like a file from outside the library, and rejects non-audio bytes clearly', async () => {
    const kick = corpusEntries().find((e) => e.category === 'kick' && e.source === 'lmms:drums')!;
    const hits = await library.similarToAudio(new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(kick.path))), basename(kick.path), { n: 3 });
    expect(hits).toHaveLength(3);
    await expect(library.similarToAudio(new TextEncoder().encode('hello'), 'x.wav')).rejects.toMatchObject({ code: 'unsupported_audio' });
  });

  it('survives a lost or stale vector index by rebuilding it from the catalogue', async () => {
    const query = (await library.listSamples({ limit: 1, category: undefined })).items.find((s) => !s.error)!;
    const before = (await library.similarToSample(query.id, { n: 5 })).map((h) => h.sample.id);
    await library.close();
    rmSync(join(libraryDir, 'vectors.hnsw'));
    library = await openLibrary({ libraryDir, workers: 2 });
    const after = (await library.similarToSample(query.id, { n: 5 })).map((h) => h.sample.id);
    expect(after).toEqual(before);
    await library.close();
    writeFileSync(join(libraryDir, 'vectors.hnsw.json'), '{"dimension":1,"count":0,"generation":0}');
    library = await openLibrary({ libraryDir, workers: 2 });
    expect((await library.similarToSample(query.id, { n: 5 })).map((h) => h.sample.id)).toEqual(before);
  });

  it('lets one process index at a time, with a clear message', async () => {
    const other = await openLibrary({ libraryDir, workers: 1 });
    try {
      const first = library.indexFolders([samplesDir]);
      await expect(other.indexFolders([samplesDir])).rejects.toThrow(/library is busy/);
      await first;
    } finally {
      await other.close();
    }
  });
});

describe('sound map', () => {
  it('lays every analysed sample out in 0..1, showing label corrections at once', async () => {
    const map = await library.soundMap();
    const analysed = (await library.stats()).total_samples - (await library.stats()).failed;
    expect(map).toHaveLength(analysed);
    expect(map.every((p) => p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1 && p.name.length > 0)).toBe(true);
    expect(await library.soundMap()).toEqual(map);
    const corrected = map.find((p) => p.category !== 'brass')!;
    await library.setCategory(corrected.id, 'brass');
    expect((await library.soundMap()).find((p) => p.id === corrected.id)!.category).toBe('brass');
  });
});
