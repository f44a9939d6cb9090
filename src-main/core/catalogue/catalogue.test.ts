import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ANALYSIS_VERSION, DESCRIPTOR_NAMES } from '../analyse/index.js';
import { Catalogue } from './catalogue.js';
import { SCHEMA_SQL } from './schema.js';
import type { AnalysedSample, FileIdentity } from './records.js';

function analysed(overrides: Partial<AnalysedSample> = {}): AnalysedSample {
  return {
    audioHash: 'a1',
    format: { container: 'wav', codec: 'pcm_s16', sampleRate: 44100, channels: 2, bitDepth: 16, durationSec: 0.5 },
    durationSec: 0.5,
    descriptors: { duration: 0.5, mfcc_mean_0: -200 },
    embedding: new Float32Array([1, 0, 0, 0]),
    waveform: [0.1, 0.9, 0.2],
    decode: { partial: null, windowed: false, sourcePeak: 0.9, clippedFraction: 0, dcOffset: 0, nonFiniteSamples: 0 },
    kind: { value: 'one-shot', confidence: 0.99 },
    category: { value: 'kick', confidence: 0.8 },
    bpm: null,
    key: null,
    note: null,
    anomalyReasons: [],
    ...overrides,
  };
}

const file = (path: string, hash = 'h1'): FileIdentity => ({ path, sizeBytes: 100, mtimeMs: 1000, contentHash: hash });

function open(): Catalogue {
  return new Catalogue(join(mkdtempSync(join(tmpdir(), 'sdx-cat-')), 'catalogue.sqlite'));
}

describe('Catalogue', () => {
  it('stores an analysis and reads it back as a SampleRecord, export line and embedding', () => {
    const c = open();
    const id = c.upsertAnalysed(file('/s/kick.wav'), analysed());
    const record = c.getSample(id)!;
    expect(record).toMatchObject({ path: '/s/kick.wav', name: 'kick.wav', kind: 'one-shot', durationSec: 0.5, error: null });
    expect(record.category).toEqual({ value: 'kick', source: 'model', confidence: 0.8 });
    expect(Array.from(c.getEmbedding(id)!)).toEqual([1, 0, 0, 0]);
    const [line] = [...c.iterateExport()];
    expect(line).toMatchObject({ path: '/s/kick.wav', category: 'kick', kind: 'one-shot', genre: null, bpm: null, error: null, embedding: [1, 0, 0, 0] });
    expect(line.anomaly).toEqual({ flagged: false, score: null, reasons: [] });
    expect(c.embeddingGeneration()).toBeGreaterThan(0);
  });

  it('keeps a producer\'s category through re-analysis and re-derived model outputs; model labels follow the model', () => {
    const c = open();
    const mine = c.upsertAnalysed(file('/s/kick.wav'), analysed());
    const theirs = c.upsertAnalysed(file('/s/snare.wav', 'h9'), analysed());
    c.setUserCategory(mine, 'perc');
    const fields = analysed({ category: { value: 'tom', confidence: 0.6 }, bpm: 120 });
    c.upsertAnalysed(file('/s/kick.wav', 'h2'), fields);
    expect(c.getSample(mine)!.category).toEqual({ value: 'perc', source: 'user', confidence: 1 });
    c.setDerivedFields([mine, theirs].map((id) => ({ id, fields })));
    expect(c.getSample(mine)).toMatchObject({ category: { value: 'perc', source: 'user', confidence: 1 }, bpm: 120 });
    expect(c.getSample(theirs)).toMatchObject({ category: { value: 'tom', source: 'model', confidence: 0.6 }, bpm: 120 });
    c.setDerivedFields([{ id: theirs, fields: analysed({ category: null }) }]);
    expect(c.getSample(theirs)!.category).toBeNull();
  });

  it('keeps tags and favourites when a file is re-analysed, and records failures with their reason', () => {
    const c = open();
    const id = c.upsertAnalysed(file('/s/kick.wav'), analysed());
    c.setTags(id, ['punchy']);
    c.setFavourite(id, true);
    expect(c.upsertAnalysed(file('/s/kick.wav', 'h2'), analysed({ category: { value: 'tom', confidence: 0.6 } }))).toBe(id);
    expect(c.getSample(id)).toMatchObject({ tags: ['punchy'], favourite: true, contentHash: 'h2' });
    expect(c.getSample(id)!.category!.value).toBe('tom');
    const failed = c.upsertFailed(file('/s/broken.wav', 'h3'), 'not an audio file (looks like a PNG image)');
    expect(c.getSample(failed)).toMatchObject({ error: 'not an audio file (looks like a PNG image)', kind: null });
    expect(c.getEmbedding(failed)).toBeNull();
    expect(c.counts()).toMatchObject({ total: 2, failed: 1 });
  });

  it('reuses an analysis for a copy and moves a row without losing its id', () => {
    const c = open();
    const id = c.upsertAnalysed(file('/s/a.wav', 'same'), analysed());
    const twin = c.findAnalysedByContentHash('same')!;
    const copy = c.reuseAnalysis(twin.id, file('/s/copy of a.wav', 'same'));
    expect(copy).not.toBe(id);
    expect(c.getSample(copy)).toMatchObject({ name: 'copy of a.wav', category: { value: 'kick' } });
    c.movePath(id, file('/t/renamed.wav', 'same'));
    expect(c.getSample(id)!.path).toBe('/t/renamed.wav');
    c.remove([copy]);
    expect(c.getSample(copy)).toBeNull();
  });

  it('filters and pages listings', () => {
    const c = open();
    c.upsertAnalysed(file('/s/kick 1.wav', 'k1'), analysed());
    c.upsertAnalysed(file('/s/kick 2.wav', 'k2'), analysed());
    c.upsertAnalysed(file('/s/loop 50% off.wav', 'l1'), analysed({ kind: { value: 'loop', confidence: 1 }, bpm: 128, category: { value: 'loop', confidence: 0.9 } }));
    expect(c.listSamples({ category: 'kick' }).total).toBe(2);
    expect(c.listSamples({ kind: 'loop', bpmMin: 120, bpmMax: 130 }).items.map((s) => s.name)).toEqual(['loop 50% off.wav']);
    expect(c.listSamples({ text: '50%' }).total).toBe(1);
    expect(c.listSamples({ text: '%' }).total).toBe(1);
    expect(c.listSamples({ limit: 1, offset: 1 }).items.map((s) => s.name)).toEqual(['kick 2.wav']);
    c.setTags(1, ['dark']);
    expect(c.listSamples({ tag: 'dark' }).total).toBe(1);
    expect(c.countBy('category')).toEqual({ kick: 2, loop: 1 });
  });

  it('stores full descriptors as a float64 BLOB (no JSON) and reads them back by name, in every reader', () => {
    const c = open();
    const descriptors = Object.fromEntries(DESCRIPTOR_NAMES.map((name, i) => [name, i === 0 ? Math.PI : -i / 7]));
    const id = c.upsertAnalysed(file('/s/full.wav'), analysed({ descriptors }));
    const raw = c.db.prepare('SELECT descriptors, descriptors_json FROM samples WHERE id = ?').get(id) as { descriptors: Buffer | null; descriptors_json: string | null };
    expect(raw.descriptors_json).toBeNull();
    expect(raw.descriptors!.byteLength).toBe(DESCRIPTOR_NAMES.length * 8);
    expect(c.getDescriptors(id)).toEqual(descriptors);
    expect([...c.iterateExport()][0].descriptors).toEqual(descriptors);
    expect([...c.iterateAnomalyInputs()][0].descriptors).toEqual(descriptors);
    expect([...c.iterateGenreInputs()][0].descriptors).toEqual(descriptors);
    expect(c.derivationInputs(0, 10)[0].descriptors).toEqual(descriptors);
    // Anything else (a partial record) still round-trips, as JSON.
    const partial = c.upsertAnalysed(file('/s/partial.wav', 'h2'), analysed());
    expect(c.getDescriptors(partial)).toEqual({ duration: 0.5, mfcc_mean_0: -200 });
  });

  it('opens a schema-1 library: old JSON rows read as before, new rows get BLOBs, and a BLOB keeps its version\'s names', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sdx-cat-')), 'catalogue.sqlite');
    const old = new Database(path);
    old.exec(SCHEMA_SQL.replace('analysis_version INTEGER NOT NULL DEFAULT 0,\n  descriptors BLOB', 'analysis_version INTEGER NOT NULL DEFAULT 0'));
    expect((old.prepare('PRAGMA table_info(samples)').all() as { name: string }[]).map((column) => column.name)).not.toContain('descriptors');
    old.prepare(
      "INSERT INTO samples (path, name, size_bytes, mtime_ms, content_hash, descriptors_json, analysis_version) VALUES ('/s/old.wav', 'old.wav', 1, 1, 'h0', '{\"duration\":2}', ?)",
    ).run(ANALYSIS_VERSION);
    old.close();
    const c = new Catalogue(path);
    const oldId = (c.db.prepare("SELECT id FROM samples WHERE path = '/s/old.wav'").get() as { id: number }).id;
    expect(c.getDescriptors(oldId)).toEqual({ duration: 2 });
    const descriptors = Object.fromEntries(DESCRIPTOR_NAMES.map((name) => [name, 1]));
    const id = c.upsertAnalysed(file('/s/new.wav', 'h3'), analysed({ descriptors }));
    expect(c.getDescriptors(id)).toEqual(descriptors);
    // A row left from an older analysis version decodes with the names that version stored.
    c.setMeta(`descriptor_names@${ANALYSIS_VERSION - 1}`, JSON.stringify(['duration', 'tempo']));
    c.db.prepare('UPDATE samples SET descriptors = ?, analysis_version = ? WHERE id = ?').run(Buffer.from(new Float64Array([3, 120]).buffer), ANALYSIS_VERSION - 1, oldId);
    expect(c.getDescriptors(oldId)).toEqual({ duration: 3, tempo: 120 });
    c.close();
  });
});
