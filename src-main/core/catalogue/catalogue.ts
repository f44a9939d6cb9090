// The catalogue: one SQLite database per library (WAL, so readers never block the indexer and a
// killed process loses at most the transaction in flight).
import Database from 'better-sqlite3';
import { basename } from 'node:path';
import { categoryFromPath } from '../../../src-shared/category-words.js';
import { plainLabels, type AnomalyInfo, type Descriptors, type ExportLine, type FormatFacts, type SampleRecord } from '../../../src-shared/sample.js';
import type { SampleQuery } from '../../../src-shared/api.js';
import { isCategory, isKind, type Category } from '../../../src-shared/taxonomy.js';
import { missingColumnStatements, SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import { blobToDescriptors, descriptorsToBlob } from './descriptor-blob.js';
import { listingPage } from './listing.js';
import { ANALYSIS_VERSION, DESCRIPTOR_NAMES } from '../analyse/index.js';
import type { AnalysedSample, DecodeFacts, DerivedFields, FileIdentity } from './records.js';

interface SampleRow {
  id: number;
  path: string;
  name: string;
  size_bytes: number;
  mtime_ms: number;
  content_hash: string;
  audio_hash: string | null;
  format_json: string | null;
  duration_sec: number | null;
  descriptors_json: string | null;
  /** Float64 descriptors in the row's analysis version's name order (descriptor-blob.ts); null where JSON holds them. */
  descriptors: Buffer | null;
  embedding: Buffer | null;
  waveform_json: string | null;
  decode_json: string | null;
  kind: string | null;
  kind_confidence: number | null;
  category: string | null;
  category_source: string | null;
  category_confidence: number | null;
  genre: string | null;
  genre_source: string | null;
  genre_confidence: number | null;
  bpm: number | null;
  musical_key: string | null;
  note: string | null;
  anomaly_flagged: number;
  anomaly_score: number | null;
  anomaly_reasons_json: string;
  tags_json: string;
  favourite: number;
  error: string | null;
  analysed_at: number | null;
  analysis_version: number;
}

/** The stat facts the incremental scan compares against. */
export interface KnownFile {
  id: number;
  path: string;
  sizeBytes: number;
  mtimeMs: number;
  contentHash: string;
  analysed: boolean;
  current: boolean;
}

export function embeddingToBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

export function blobToEmbedding(blob: Buffer): Float32Array {
  // Copy: the Buffer may share a pool and be unaligned for a Float32Array view.
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** `column = value`, except where a producer set the category: their label and its columns stay. */
function unlessUserCategory(column: string, value: string): string {
  return `${column} = CASE WHEN samples.category_source = 'user' THEN samples.${column} ELSE ${value} END`;
}

export class Catalogue {
  readonly db: Database.Database;
  /** Which of the covering listing indexes this file has (a read-only open of an older library may lack them). */
  private readonly coveringIndexes: ReadonlySet<string>;
  /** Descriptor names of each analysis version's BLOBs, from the meta table. */
  private readonly descriptorLayouts = new Map<number, readonly string[] | null>();
  /** False only for a read-only open of a library from before schema 2. */
  private readonly hasDescriptorBlob: boolean;
  /** The select list for a row's descriptors. */
  private readonly descriptorColumns: string;

  constructor(file: string, options: { readonly?: boolean } = {}) {
    this.db = new Database(file, { readonly: options.readonly ?? false });
    // Room for the listing indexes (schema.ts): at 100k samples samples_listing alone is 16 MB, just
    // over the 16 MB default, and a scan of an index the cache cannot hold misses every page, every
    // time (least recently used goes first). Pages are only held once read, so a small library uses little.
    this.db.pragma('cache_size = -65536');
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode is durable against process crashes; only an OS crash can lose the last commits.
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.exec(SCHEMA_SQL);
      for (const statement of missingColumnStatements(this.columnNames())) this.db.exec(statement);
      this.setMeta('schema_version', String(SCHEMA_VERSION));
      // Recorded once per version: BLOBs already written under it keep their meaning even if the
      // code's names were changed without bumping the version (new rows then fall back to JSON).
      const layoutKey = `descriptor_names@${ANALYSIS_VERSION}`;
      if (this.getMeta(layoutKey) === null) this.setMeta(layoutKey, JSON.stringify(DESCRIPTOR_NAMES));
    }
    this.hasDescriptorBlob = this.columnNames().has('descriptors');
    this.descriptorColumns = `${this.hasDescriptorBlob ? 'descriptors' : 'NULL AS descriptors'}, descriptors_json, analysis_version`;
    // A read-only open of an older library may lack them (only a writable open creates them).
    const indexes = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('samples_listing', 'samples_facets', 'samples_listing_category')").all() as { name: string }[];
    this.coveringIndexes = new Set(indexes.map((row) => row.name));
  }

  close(): void {
    this.db.close();
  }

  private columnNames(): Set<string> {
    return new Set((this.db.prepare('PRAGMA table_info(samples)').all() as { name: string }[]).map((column) => column.name));
  }

  private descriptorLayout(version: number): readonly string[] | null {
    if (!this.descriptorLayouts.has(version)) {
      const names = parseJson<string[] | null>(this.getMeta(`descriptor_names@${version}`), null);
      this.descriptorLayouts.set(version, Array.isArray(names) ? names : null);
    }
    return this.descriptorLayouts.get(version) ?? null;
  }

  /** A row's descriptors, from its BLOB (rows written since schema 2) or its JSON (older rows). */
  private descriptorsOf(row: Pick<SampleRow, 'descriptors' | 'descriptors_json' | 'analysis_version'>): Descriptors | null {
    if (row.descriptors) {
      const names = this.descriptorLayout(row.analysis_version);
      return names ? blobToDescriptors(row.descriptors, names) : null;
    }
    return parseJson<Descriptors | null>(row.descriptors_json, null);
  }

  /** The BLOB and JSON column values that store `descriptors` under this version's layout. */
  private descriptorColumnsFor(descriptors: Descriptors): { descriptors: Buffer | null; descriptors_json: string | null } {
    const names = this.descriptorLayout(ANALYSIS_VERSION);
    const blob = names ? descriptorsToBlob(descriptors, names) : null;
    return { descriptors: blob, descriptors_json: blob ? null : JSON.stringify(descriptors) };
  }

  /**
   * The per-file statements, prepared once per SQL text: preparing one costs more than running it,
   * and an index run ran several per file. Only fixed texts (and writeRow's few column sets) come here.
   */
  private readonly statements = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  getMeta(key: string): string | null {
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.statement('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Increments on every change to embeddings; the vector index records the generation it mirrors. */
  embeddingGeneration(): number {
    return Number(this.getMeta('embedding_generation') ?? '0');
  }

  private bumpEmbeddingGeneration(): void {
    this.setMeta('embedding_generation', String(this.embeddingGeneration() + 1));
  }

  addRoots(paths: readonly string[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO roots(path, added_at) VALUES (?, ?)');
    const now = Date.now();
    this.db.transaction(() => paths.forEach((p) => insert.run(p, now)))();
  }

  roots(): string[] {
    return (this.db.prepare('SELECT path FROM roots ORDER BY path').all() as { path: string }[]).map((r) => r.path);
  }

  knownFiles(): Map<string, KnownFile> {
    const rows = this.db
      .prepare('SELECT id, path, size_bytes, mtime_ms, content_hash, analysed_at, analysis_version FROM samples')
      .all() as Pick<SampleRow, 'id' | 'path' | 'size_bytes' | 'mtime_ms' | 'content_hash' | 'analysed_at' | 'analysis_version'>[];
    const map = new Map<string, KnownFile>();
    for (const r of rows) {
      map.set(r.path, {
        id: r.id,
        path: r.path,
        sizeBytes: r.size_bytes,
        mtimeMs: r.mtime_ms,
        contentHash: r.content_hash,
        analysed: r.analysed_at !== null,
        current: r.analysis_version === ANALYSIS_VERSION,
      });
    }
    return map;
  }

  /** An analysed row with this file content, to reuse instead of analysing the same bytes again. */
  findAnalysedByContentHash(contentHash: string): SampleRow | null {
    const row = this
      .statement('SELECT * FROM samples WHERE content_hash = ? AND analysis_version = ? AND (analysed_at IS NOT NULL OR error IS NOT NULL) LIMIT 1')
      .get(contentHash, ANALYSIS_VERSION) as SampleRow | undefined;
    return row ?? null;
  }

  /** Stores a successful analysis; returns the row id (kept when the path was already known). */
  upsertAnalysed(file: FileIdentity, result: AnalysedSample): number {
    const row = {
      path: file.path,
      name: basename(file.path),
      size_bytes: file.sizeBytes,
      mtime_ms: file.mtimeMs,
      content_hash: file.contentHash,
      audio_hash: result.audioHash,
      format_json: JSON.stringify(result.format),
      duration_sec: result.durationSec,
      ...this.descriptorColumnsFor(result.descriptors),
      waveform_json: JSON.stringify(result.waveform),
      decode_json: JSON.stringify(result.decode),
      ...derivedFieldColumns(result),
      anomaly_flagged: result.anomalyReasons.length > 0 ? 1 : 0,
      anomaly_reasons_json: JSON.stringify(result.anomalyReasons),
      analysed_at: Date.now(),
      analysis_version: ANALYSIS_VERSION,
    };
    const id = this.writeRow(row);
    this.bumpEmbeddingGeneration();
    return id;
  }

  upsertFailed(file: FileIdentity, error: string): number {
    const id = this.writeRow({
      path: file.path,
      name: basename(file.path),
      size_bytes: file.sizeBytes,
      mtime_ms: file.mtimeMs,
      content_hash: file.contentHash,
      audio_hash: null,
      format_json: null,
      duration_sec: null,
      descriptors_json: null,
      descriptors: null,
      embedding: null,
      waveform_json: null,
      decode_json: null,
      kind: null,
      kind_confidence: null,
      category: null,
      category_confidence: null,
      category_source: null,
      bpm: null,
      musical_key: null,
      note: null,
      anomaly_flagged: 1,
      anomaly_reasons_json: JSON.stringify(['corrupt']),
      analysed_at: null,
      analysis_version: ANALYSIS_VERSION,
      error,
    });
    this.bumpEmbeddingGeneration();
    return id;
  }

  private writeRow(row: Record<string, unknown>): number {
    const fields = { error: null, ...row };
    const columns = Object.keys(fields);
    // User data (tags, favourite, manual labels) survives re-analysis: only analysis columns are replaced.
    const sql = `INSERT INTO samples (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})
      ON CONFLICT(path) DO UPDATE SET ${columns
        .filter((c) => c !== 'path')
        .map((c) => (c.startsWith('category') ? unlessUserCategory(c, `excluded.${c}`) : `${c} = excluded.${c}`))
        .join(', ')}
      RETURNING id`;
    const result = this.statement(sql).get(fields) as { id: number };
    return result.id;
  }

  /** Copies the analysis of a row with identical bytes to another path (a copy, or a file that was moved). */
  reuseAnalysis(sourceRowId: number, file: FileIdentity): number {
    const source = this.statement('SELECT * FROM samples WHERE id = ?').get(sourceRowId) as SampleRow;
    const { id: _id, path: _path, name: _name, tags_json: _t, favourite: _f, ...analysis } = source;
    const id = this.writeRow({ ...analysis, path: file.path, name: basename(file.path), size_bytes: file.sizeBytes, mtime_ms: file.mtimeMs });
    this.bumpEmbeddingGeneration();
    return id;
  }

  /** A moved or renamed file keeps its row (id, tags, favourite): only the path changes. */
  movePath(id: number, file: FileIdentity): void {
    this.statement('UPDATE samples SET path = ?, name = ?, size_bytes = ?, mtime_ms = ? WHERE id = ?')
      .run(file.path, basename(file.path), file.sizeBytes, file.mtimeMs, id);
  }

  remove(ids: readonly number[]): void {
    if (ids.length === 0) return;
    const del = this.db.prepare('DELETE FROM samples WHERE id = ?');
    this.db.transaction(() => ids.forEach((id) => del.run(id)))();
    this.bumpEmbeddingGeneration();
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  getRow(id: number): SampleRow | null {
    return (this.statement('SELECT * FROM samples WHERE id = ?').get(id) as SampleRow | undefined) ?? null;
  }

  getByPath(path: string): SampleRecord | null {
    const row = this.statement('SELECT * FROM samples WHERE path = ?').get(path) as SampleRow | undefined;
    return row ? toSampleRecord(row) : null;
  }

  getSample(id: number): SampleRecord | null {
    const row = this.getRow(id);
    return row ? toSampleRecord(row) : null;
  }

  getSamples(ids: readonly number[]): Map<number, SampleRecord> {
    const map = new Map<number, SampleRecord>();
    if (ids.length === 0) return map;
    const rows = this.db
      .prepare(`SELECT * FROM samples WHERE id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids) as SampleRow[];
    for (const row of rows) map.set(row.id, toSampleRecord(row));
    return map;
  }

  getEmbedding(id: number): Float32Array | null {
    const row = this.statement('SELECT embedding FROM samples WHERE id = ?').get(id) as { embedding: Buffer | null } | undefined;
    return row?.embedding ? blobToEmbedding(row.embedding) : null;
  }

  getDescriptors(id: number): Descriptors | null {
    const row = this.statement(`SELECT ${this.descriptorColumns} FROM samples WHERE id = ?`).get(id) as Pick<SampleRow, 'descriptors' | 'descriptors_json' | 'analysis_version'> | undefined;
    return row ? this.descriptorsOf(row) : null;
  }

  getWaveform(id: number): number[] | null {
    const row = this.statement('SELECT waveform_json FROM samples WHERE id = ?').get(id) as { waveform_json: string | null } | undefined;
    return row ? parseJson<number[]>(row.waveform_json, []) : null;
  }

  /** Every stored embedding, for rebuilding the vector index. */
  *iterateEmbeddings(): Generator<{ id: number; embedding: Float32Array }> {
    const stmt = this.db.prepare('SELECT id, embedding FROM samples WHERE embedding IS NOT NULL ORDER BY id');
    for (const row of stmt.iterate() as Iterable<{ id: number; embedding: Buffer }>) {
      yield { id: row.id, embedding: blobToEmbedding(row.embedding) };
    }
  }

  /** What the library-wide anomaly pass reads, one row at a time. */
  *iterateAnomalyInputs(): Generator<{
    id: number;
    embedding: Float32Array | null;
    audioHash: string | null;
    descriptors: Descriptors | null;
    decode: DecodeFacts | null;
    durationSec: number | null;
    error: string | null;
    /** The verdict stored now, so the pass writes only what changed. */
    anomaly: AnomalyInfo;
  }> {
    const stmt = this.db.prepare(
      `SELECT id, embedding, audio_hash, ${this.descriptorColumns}, decode_json, duration_sec, error, anomaly_flagged, anomaly_score, anomaly_reasons_json FROM samples ORDER BY id`,
    );
    type Row = Pick<
      SampleRow,
      | 'id'
      | 'embedding'
      | 'audio_hash'
      | 'descriptors'
      | 'descriptors_json'
      | 'analysis_version'
      | 'decode_json'
      | 'duration_sec'
      | 'error'
      | 'anomaly_flagged'
      | 'anomaly_score'
      | 'anomaly_reasons_json'
    >;
    for (const row of stmt.iterate() as Iterable<Row>) {
      yield {
        id: row.id,
        embedding: row.embedding ? blobToEmbedding(row.embedding) : null,
        audioHash: row.audio_hash,
        descriptors: this.descriptorsOf(row),
        decode: parseJson<DecodeFacts | null>(row.decode_json, null),
        durationSec: row.duration_sec,
        error: row.error,
        anomaly: { flagged: row.anomaly_flagged === 1, score: row.anomaly_score, reasons: parseJson<string[]>(row.anomaly_reasons_json, []) },
      };
    }
  }

  /**
   * Up to `limit` analysed rows after `afterId` (in id order) with what the models derive their
   * outputs from. Paged rather than iterated: the caller writes between pages, and a connection
   * cannot write while one of its statements is still reading.
   */
  derivationInputs(afterId: number, limit: number): { id: number; descriptors: Descriptors; decode: DecodeFacts | null; durationSec: number }[] {
    type Row = Pick<SampleRow, 'id' | 'descriptors' | 'descriptors_json' | 'analysis_version' | 'decode_json' | 'duration_sec'>;
    const rows = this.db
      .prepare(
        `SELECT id, ${this.descriptorColumns}, decode_json, duration_sec FROM samples
         WHERE id > ? AND error IS NULL AND (${this.hasDescriptorBlob ? 'descriptors IS NOT NULL OR ' : ''}descriptors_json IS NOT NULL) ORDER BY id LIMIT ?`,
      )
      .all(afterId, limit) as Row[];
    return rows.flatMap((row) => {
      const descriptors = this.descriptorsOf(row);
      return descriptors ? [{ id: row.id, descriptors, decode: parseJson<DecodeFacts | null>(row.decode_json, null), durationSec: row.duration_sec ?? 0 }] : [];
    });
  }

  /** Replaces the model outputs of analysed rows (a producer's category correction stays); anomalies are the anomaly pass's. */
  setDerivedFields(updates: readonly { id: number; fields: DerivedFields }[]): void {
    const update = this.db.prepare(`UPDATE samples SET embedding = @embedding, kind = @kind, kind_confidence = @kind_confidence,
      ${unlessUserCategory('category', '@category')}, ${unlessUserCategory('category_confidence', '@category_confidence')},
      ${unlessUserCategory('category_source', '@category_source')}, bpm = @bpm, musical_key = @musical_key, note = @note WHERE id = @id`);
    this.transaction(() => {
      for (const { id, fields } of updates) update.run({ id, ...derivedFieldColumns(fields) });
      if (updates.length > 0) this.bumpEmbeddingGeneration();
    });
  }

  /** What the genre pass reads: each sample's path, descriptors and current genre label (so it writes only changes). */
  *iterateGenreInputs(): Generator<{
    id: number;
    path: string;
    descriptors: Descriptors | null;
    genre: string | null;
    genreSource: string | null;
    genreConfidence: number | null;
  }> {
    const stmt = this.db.prepare(`SELECT id, path, ${this.descriptorColumns}, genre, genre_source, genre_confidence FROM samples WHERE error IS NULL ORDER BY id`);
    type Row = Pick<SampleRow, 'id' | 'path' | 'descriptors' | 'descriptors_json' | 'analysis_version' | 'genre' | 'genre_source' | 'genre_confidence'>;
    for (const row of stmt.iterate() as Iterable<Row>) {
      yield {
        id: row.id,
        path: row.path,
        descriptors: this.descriptorsOf(row),
        genre: row.genre,
        genreSource: row.genre_source,
        genreConfidence: row.genre_confidence,
      };
    }
  }

  setGenres(labels: readonly { id: number; genre: string | null; source: 'model' | 'user' | 'path' | null; confidence: number | null }[]): void {
    const update = this.db.prepare('UPDATE samples SET genre = ?, genre_source = ?, genre_confidence = ? WHERE id = ?');
    this.transaction(() => labels.forEach((l) => update.run(l.genre, l.source, l.confidence, l.id)));
  }

  /** A producer's correction: it wins over the model and survives re-analysis. Null hands the field back to the model. */
  setUserCategory(id: number, category: string | null): void {
    this.db
      .prepare("UPDATE samples SET category = ?, category_source = CASE WHEN ? IS NULL THEN NULL ELSE 'user' END, category_confidence = CASE WHEN ? IS NULL THEN NULL ELSE 1 END WHERE id = ?")
      .run(category, category, category, id);
  }

  setModelCategory(id: number, category: string, confidence: number): void {
    this.db.prepare("UPDATE samples SET category = ?, category_source = 'model', category_confidence = ? WHERE id = ?").run(category, confidence, id);
  }

  setAnomalies(verdicts: readonly { id: number; anomaly: AnomalyInfo }[]): void {
    const update = this.db.prepare('UPDATE samples SET anomaly_flagged = ?, anomaly_score = ?, anomaly_reasons_json = ? WHERE id = ?');
    this.transaction(() => verdicts.forEach(({ id, anomaly }) => update.run(anomaly.flagged ? 1 : 0, anomaly.score, JSON.stringify(anomaly.reasons), id)));
  }

  /** Names and categories by id, for labelling points on the sound map. */
  labels(ids: readonly number[]): Map<number, { name: string; category: string | null }> {
    const map = new Map<number, { name: string; category: string | null }>();
    const stmt = this.db.prepare('SELECT id, name, category FROM samples WHERE id = ?');
    for (const id of ids) {
      const row = stmt.get(id) as { id: number; name: string; category: string | null } | undefined;
      if (row) map.set(row.id, { name: row.name, category: row.category });
    }
    return map;
  }

  countEmbedded(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM samples WHERE embedding IS NOT NULL').get() as { n: number }).n;
  }

  *iterateExport(): Generator<ExportLine> {
    const stmt = this.db.prepare('SELECT * FROM samples ORDER BY path');
    for (const row of stmt.iterate() as Iterable<SampleRow>) yield toExportLine(row, this.descriptorsOf(row));
  }

  listSamples(query: SampleQuery): { total: number; items: SampleRecord[] } {
    // One read transaction: the count, the page and its rows come from the same snapshot of the library.
    return this.transaction(() => {
      const { total, ids } = listingPage(this.db, this.coveringIndexes, query);
      // Only the page's rows are read whole.
      const byId = this.getSamples(ids);
      return { total, items: ids.flatMap((id) => byId.get(id) ?? []) };
    });
  }

  countBy(column: 'category' | 'genre' | 'kind'): Record<string, number> {
    const rows = this.db
      .prepare(`SELECT ${column} AS value, COUNT(*) AS n FROM samples WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY n DESC`)
      .all() as { value: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.value, r.n]));
  }

  counts(): { total: number; failed: number; flagged: number } {
    return this.db
      .prepare('SELECT COUNT(*) AS total, SUM(error IS NOT NULL) AS failed, SUM(anomaly_flagged) AS flagged FROM samples')
      .get() as { total: number; failed: number; flagged: number };
  }

  setTags(id: number, tags: string[]): void {
    this.db.prepare('UPDATE samples SET tags_json = ? WHERE id = ?').run(JSON.stringify(tags), id);
  }

  setFavourite(id: number, favourite: boolean): void {
    this.db.prepare('UPDATE samples SET favourite = ? WHERE id = ?').run(favourite ? 1 : 0, id);
  }
}

/** The catalogue columns of what the models derive (a re-analysis and a model update write the same ones). */
function derivedFieldColumns(fields: Omit<DerivedFields, 'anomalyReasons'>) {
  return {
    embedding: embeddingToBlob(fields.embedding),
    kind: fields.kind?.value ?? null,
    kind_confidence: fields.kind?.confidence ?? null,
    category: fields.category?.value ?? null,
    category_confidence: fields.category?.confidence ?? null,
    category_source: fields.category ? 'model' : null,
    bpm: fields.bpm,
    musical_key: fields.key,
    note: fields.note,
  };
}

export function toSampleRecord(row: SampleRow): SampleRecord {
  const category = row.category && isCategory(row.category) ? (row.category as Category) : null;
  return {
    id: row.id,
    path: row.path,
    name: row.name,
    sizeBytes: row.size_bytes,
    mtimeMs: row.mtime_ms,
    contentHash: row.content_hash,
    format: parseJson<FormatFacts | null>(row.format_json, null),
    durationSec: row.duration_sec,
    kind: row.kind && isKind(row.kind) ? row.kind : null,
    category: category
      ? { value: category, source: (row.category_source as 'model' | 'user' | 'path') ?? 'model', confidence: row.category_confidence ?? 0 }
      : null,
    genre: row.genre
      ? { value: row.genre, source: (row.genre_source as 'model' | 'user' | 'path') ?? 'model', confidence: row.genre_confidence ?? 0 }
      : null,
    bpm: row.bpm,
    key: row.musical_key,
    note: row.note,
    anomaly: { flagged: row.anomaly_flagged === 1, score: row.anomaly_score, reasons: parseJson<string[]>(row.anomaly_reasons_json, []) },
    tags: parseJson<string[]>(row.tags_json, []),
    favourite: row.favourite === 1,
    error: row.error,
    analysedAt: row.analysed_at,
  };
}

function toExportLine(row: SampleRow, descriptors: Descriptors | null): ExportLine {
  const record = toSampleRecord(row);
  return {
    path: record.path,
    embedding: row.embedding ? Array.from(blobToEmbedding(row.embedding), (x) => Math.round(x * 1e6) / 1e6) : null,
    ...plainLabels(record),
    nameCategory: categoryFromPath(record.path)?.category ?? null,
    anomaly: record.anomaly,
    error: record.error,
    format: record.format,
    tags: record.tags,
    descriptors,
  };
}

export type { SampleRow };
