// The catalogue's SQLite schema. The catalogue is the source of truth: the vector index and the
// models are derived from it and can always be rebuilt from it.

// 2: descriptors as a float64 BLOB (descriptor-blob.ts) beside the old JSON column, which older rows keep.
export const SCHEMA_VERSION = 2;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS roots (
  path TEXT PRIMARY KEY,
  added_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS samples (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  audio_hash TEXT,
  format_json TEXT,
  duration_sec REAL,
  descriptors_json TEXT,
  embedding BLOB,
  waveform_json TEXT,
  decode_json TEXT,
  kind TEXT,
  kind_confidence REAL,
  category TEXT,
  category_source TEXT,
  category_confidence REAL,
  genre TEXT,
  genre_source TEXT,
  genre_confidence REAL,
  bpm REAL,
  musical_key TEXT,
  note TEXT,
  anomaly_flagged INTEGER NOT NULL DEFAULT 0,
  anomaly_score REAL,
  anomaly_reasons_json TEXT NOT NULL DEFAULT '[]',
  tags_json TEXT NOT NULL DEFAULT '[]',
  favourite INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  analysed_at INTEGER,
  analysis_version INTEGER NOT NULL DEFAULT 0,
  descriptors BLOB
);

CREATE INDEX IF NOT EXISTS samples_content_hash ON samples(content_hash);
CREATE INDEX IF NOT EXISTS samples_audio_hash ON samples(audio_hash);
CREATE INDEX IF NOT EXISTS samples_category ON samples(category);
CREATE INDEX IF NOT EXISTS samples_genre ON samples(genre);
CREATE INDEX IF NOT EXISTS samples_kind ON samples(kind);
CREATE INDEX IF NOT EXISTS samples_bpm ON samples(bpm);
CREATE INDEX IF NOT EXISTS samples_key ON samples(musical_key);
CREATE INDEX IF NOT EXISTS samples_name ON samples(name COLLATE NOCASE);

-- A row holds ~12 KB of descriptors and waveform JSON, so most of it lives on overflow pages and any
-- column after descriptors_json costs three page reads per row. These covering indexes keep what
-- hot queries read in a few MB instead (CREATE IF NOT EXISTS: an older library gains them on open).
-- Listing and filtering (listSamples): every filter and sort column, in the default sort's order.
-- (A stored lower(path) searched with instr() was tried: a second copy of every path, and no faster.)
CREATE INDEX IF NOT EXISTS samples_listing ON samples(
  name COLLATE NOCASE, id, path, category, genre, kind, bpm, musical_key, anomaly_flagged, favourite,
  error, duration_sec, tags_json
);
-- The same without path and tags_json, the two long columns: a third the size, so filters that read
-- neither (facets, ranges, flags; every sort but path) scan it two to three times faster.
CREATE INDEX IF NOT EXISTS samples_facets ON samples(
  name COLLATE NOCASE, id, category, genre, kind, bpm, musical_key, anomaly_flagged, favourite,
  error, duration_sec
);
-- The listing index again in category order (the browser's "by instrument" view): a filtered page
-- sorted by category stops at its last match instead of sorting every match (a text matching one
-- category's file names, sorted by category, at 100k samples: 41–43 → 28 ms). It replaces a plain
-- (category, name) index, which it also serves.
CREATE INDEX IF NOT EXISTS samples_listing_category ON samples(
  category, name COLLATE NOCASE, id, path, genre, kind, bpm, musical_key, anomaly_flagged, favourite,
  error, duration_sec, tags_json
);
DROP INDEX IF EXISTS samples_category_name;
-- Pages in the other sort orders walk these instead of sorting 100k rows: unfiltered ones, and
-- filtered ones where most rows match (listing.ts).
CREATE INDEX IF NOT EXISTS samples_duration ON samples(duration_sec);
-- The re-scan's diff (knownFiles): the stat facts and whether the analysis is current.
CREATE INDEX IF NOT EXISTS samples_scan ON samples(path, size_bytes, mtime_ms, content_hash, analysed_at, analysis_version);
-- countEmbedded (the vector index's stamp check at start-up) without reading every row.
CREATE INDEX IF NOT EXISTS samples_embedded ON samples(id) WHERE embedding IS NOT NULL;
`;

/** Columns added after a library was created: ALTER TABLE statements for those an older file lacks. */
export function missingColumnStatements(existing: ReadonlySet<string>): string[] {
  return existing.has('descriptors') ? [] : ['ALTER TABLE samples ADD COLUMN descriptors BLOB'];
}
