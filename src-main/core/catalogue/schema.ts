// The catalogue's SQLite schema. The catalogue is the source of truth: the vector index and the
// models are derived from it and can always be rebuilt from it.

export const SCHEMA_VERSION = 1;

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
  analysis_version INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX IF NOT EXISTS samples_content_hash ON samples(content_hash);
CREATE INDEX IF NOT EXISTS samples_audio_hash ON samples(audio_hash);
CREATE INDEX IF NOT EXISTS samples_category ON samples(category);
CREATE INDEX IF NOT EXISTS samples_genre ON samples(genre);
CREATE INDEX IF NOT EXISTS samples_kind ON samples(kind);
CREATE INDEX IF NOT EXISTS samples_bpm ON samples(bpm);
CREATE INDEX IF NOT EXISTS samples_key ON samples(musical_key);
CREATE INDEX IF NOT EXISTS samples_name ON samples(name COLLATE NOCASE);
`;
