// An update that ships new models: a library indexed by older model files is brought up to the
// shipped ones at open, from its stored descriptors, without decoding, keeping the producer's
// corrections; and only once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { corpusEntries } from '../corpus.js';
import { openLibrary } from '../../src-main/core/service/library-service.js';
import { libraryFiles } from '../../src-main/core/service/library-paths.js';
import { MODELS_STAMP_KEY } from '../../src-main/core/pipeline/refresh-model-outputs.js';
import type { SampleRecord } from '../../src-shared/sample.js';

let root: string;
let libraryDir: string;
let samplesDir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sdx-models-'));
  samplesDir = join(root, 'samples');
  libraryDir = join(root, 'library');
  mkdirSync(samplesDir);
  const perCategory = new Map<string, number>();
  for (const entry of corpusEntries()) {
    const n = perCategory.get(entry.category) ?? 0;
    if (n >= 2) continue;
    perCategory.set(entry.category, n + 1);
    copyFileSync(entry.path, join(samplesDir, `${entry.category}-${n}-${basename(entry.path)}`));
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What a library made by older model files looks like: other vectors (of another dimension), other labels, an old stamp. */
function ageLibrary(keepId: number): void {
  const db = new Database(libraryFiles(libraryDir).catalogue);
  try {
    const oldVector = Buffer.from(new Float32Array(33).fill(0.17).buffer);
    db.prepare("UPDATE samples SET embedding = ?, bpm = 999, kind = 'loop' WHERE embedding IS NOT NULL").run(oldVector);
    db.prepare("UPDATE samples SET category = 'vocal', category_confidence = 0.4 WHERE category_source = 'model' AND id != ?").run(keepId);
    db.prepare('UPDATE meta SET value = ? WHERE key = ?').run('stamp-of-older-models', MODELS_STAMP_KEY);
  } finally {
    db.close();
  }
}

describe('a library indexed by older models', () => {
  it('gets the shipped models\' embeddings and labels at open, keeps corrections, and searches again', async () => {
    let before: SampleRecord[];
    let corrected: SampleRecord;
    const library = await openLibrary({ libraryDir, workers: 1 });
    try {
      await library.indexFolders([samplesDir]);
      before = (await library.listSamples({ limit: 1000, sort: 'path' })).items.filter((s) => !s.error);
      expect(before.length).toBeGreaterThan(15);
      corrected = await library.setCategory(before[0].id, 'fx');
    } finally {
      await library.close();
    }
    const embeddingsBefore = embeddingsById();
    ageLibrary(corrected.id);

    const notices: string[] = [];
    const reopened = await openLibrary({ libraryDir, workers: 1, log: (line) => notices.push(line) });
    try {
      const after = (await reopened.listSamples({ limit: 1000, sort: 'path' })).items.filter((s) => !s.error);
      expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
      for (const [i, sample] of after.entries()) {
        const was = i === 0 ? corrected : before[i];
        expect(sample.category, sample.path).toEqual(was.category);
        expect(sample.kind, sample.path).toBe(was.kind);
        expect(sample.anomaly, sample.path).toEqual(was.anomaly);
        expect(sample.bpm, sample.path).toBe(was.bpm);
      }
      expect(notices).toHaveLength(2);
      expect(notices[0]).toMatch(/^updating \d+ samples to this version's models \(once; no file is decoded\)/);
      expect(notices[1]).toMatch(new RegExp(`^updated ${after.length} samples in [\\d.]+ s$`));
      expect(after[0].category).toEqual({ value: 'fx', source: 'user', confidence: 1 });
      expect(embeddingsById()).toEqual(embeddingsBefore);
      // The vector index was rebuilt from the re-derived vectors: a sample's nearest is itself.
      const probe = after[after.length - 1];
      const hits = await reopened.similarToAudio(new Uint8Array(readFileSync(probe.path)), basename(probe.path), { n: 3 });
      expect(hits[0].sample.id).toBe(probe.id);
      expect(hits[0].distance).toBeLessThan(1e-4);
    } finally {
      await reopened.close();
    }
  });

  it('does the work once: a library already on the shipped models is left as it is at open', async () => {
    const db = new Database(libraryFiles(libraryDir).catalogue);
    const { id } = db.prepare('SELECT MIN(id) AS id FROM samples WHERE embedding IS NOT NULL').get() as { id: number };
    db.prepare('UPDATE samples SET bpm = 123.5 WHERE id = ?').run(id);
    db.close();
    const notices: string[] = [];
    const library = await openLibrary({ libraryDir, workers: 1, log: (line) => notices.push(line) });
    try {
      expect((await library.getSample(id))?.bpm).toBe(123.5);
      expect(notices).toEqual([]);
    } finally {
      await library.close();
    }
  });
});

function embeddingsById(): Map<number, number[]> {
  const db = new Database(libraryFiles(libraryDir).catalogue, { readonly: true });
  try {
    const rows = db.prepare('SELECT id, embedding FROM samples WHERE embedding IS NOT NULL ORDER BY id').all() as { id: number; embedding: Buffer }[];
    return new Map(rows.map((r) => [r.id, Array.from(new Float32Array(r.embedding.buffer, r.embedding.byteOffset, r.embedding.byteLength / 4))]));
  } finally {
    db.close();
  }
}

