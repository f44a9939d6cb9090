// `sampledex evaluate`: how well the library's analysis matches a producer's (or a corpus's) own
// labels. Reads a CSV with path and category (and optionally source/pack, bpm, key, note), makes
// sure every file is indexed, and reports per-class precision/recall/F1, a confusion matrix,
// leave-one-pack-out accuracy, neighbour precision, kind/tempo/key/note accuracy and the anomalies.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CATEGORIES, DRUM_CATEGORIES, isCategory } from '../../../src-shared/taxonomy.js';
import { LibraryError } from '../../../src-shared/errors.js';
import { accuracy, confusionMatrix, perClassMetrics, precisionAtK, type ClassMetrics } from '../models/evaluation.js';
import { evaluateMusical, type MusicalEvaluation, type MusicalRow } from '../models/musical-evaluation.js';
import { majorityLabel, nearestIndices } from '../models/nearest.js';
import type { LibraryService } from './library-service.js';

export interface LabelRow {
  path: string;
  category: string;
  pack: string | null;
  bpm?: number | null;
  key?: string | null;
  note?: string | null;
}

export interface EvaluationReport {
  labelled: number;
  evaluated: number;
  failed: { path: string; error: string }[];
  category: {
    classes: string[];
    accuracy: number;
    drumAccuracy: number;
    perClass: ClassMetrics[];
    /** confusion[actual][predicted], in `classes` order. */
    confusion: number[][];
  };
  /** k-NN over the embeddings where only samples from other packs may vote: how labels transfer to an unseen pack. */
  leaveOnePackOut: { packs: number; accuracy: number; drumAccuracy: number } | null;
  neighbours: { k: number; precision: number; crossPackPrecision: number | null };
  kind: { accuracy: number; total: number };
  musical: MusicalEvaluation;
  anomalies: { path: string; reasons: string[]; score: number | null }[];
}

const K = 10;

/** Reads path,category[,source|pack][,bpm][,key][,note] with a header row; relative paths are relative to the CSV. */
export function readLabelCsv(file: string): LabelRow[] {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const column = (name: string): number => header.indexOf(name);
  const [pathCol, categoryCol] = [column('path'), column('category')];
  if (pathCol < 0 || categoryCol < 0) throw new LibraryError('bad_request', `${file}: needs a header with path and category columns`);
  const packCol = column('source') >= 0 ? column('source') : column('pack');
  const optional = (cells: string[], name: string): string | null | undefined => {
    const c = column(name);
    if (c < 0) return undefined;
    const value = (cells[c] ?? '').trim();
    return value === '' || value === '-' ? null : value;
  };
  const base = dirname(resolve(file));
  return lines.slice(1).filter((l) => l.trim()).map((line) => {
    const cells = line.split(',');
    const path = cells[pathCol].trim();
    const bpm = optional(cells, 'bpm');
    return {
      // resolve() also normalises an absolute path (a manifest written as DIR/../x must match the catalogue's /x).
      path: resolve(base, path),
      category: cells[categoryCol].trim(),
      pack: packCol >= 0 ? cells[packCol].trim() : null,
      bpm: bpm === undefined ? undefined : bpm === null ? null : Number(bpm),
      key: optional(cells, 'key'),
      note: optional(cells, 'note'),
    };
  });
}

export async function evaluateLabels(library: LibraryService, rows: LabelRow[]): Promise<EvaluationReport> {
  const missing = rows.filter((r) => !library.catalogue.getByPath(r.path));
  if (missing.length > 0) await library.indexFolders([...new Set(missing.map((r) => dirname(r.path)))]);

  const failed: EvaluationReport['failed'] = [];
  const usable: { row: LabelRow; id: number; embedding: Float32Array; predicted: string; kind: string | null; bpm: number | null; key: string | null; note: string | null }[] = [];
  const anomalies: EvaluationReport['anomalies'] = [];
  for (const row of rows) {
    const sample = library.catalogue.getByPath(row.path);
    if (!sample) {
      failed.push({ path: row.path, error: 'not found' });
      continue;
    }
    if (sample.anomaly.flagged) anomalies.push({ path: row.path, reasons: sample.anomaly.reasons, score: sample.anomaly.score });
    const embedding = library.catalogue.getEmbedding(sample.id);
    if (sample.error || !embedding) {
      failed.push({ path: row.path, error: sample.error ?? 'no embedding' });
      continue;
    }
    usable.push({ row, id: sample.id, embedding, predicted: sample.category?.value ?? 'none', kind: sample.kind, bpm: sample.bpm, key: sample.key, note: sample.note });
  }

  const actual = usable.map((u) => u.row.category);
  const predicted = usable.map((u) => u.predicted);
  // Columns also hold what was predicted but never labelled (and `none`), so every file is counted.
  const labelledClasses = CATEGORIES.filter((c) => actual.includes(c));
  const classes = [...labelledClasses, ...new Set(predicted.filter((p) => !labelledClasses.includes(p as never)))];
  const confusion = confusionMatrix(actual, predicted, classes);
  const vectors = usable.map((u) => u.embedding);
  const packs = usable.map((u) => u.row.pack ?? '');
  const packCount = new Set(packs).size;

  let leaveOnePackOut: EvaluationReport['leaveOnePackOut'] = null;
  if (packCount > 1) {
    const votes = usable.map((_, q) => majorityLabel(actual, nearestIndices(vectors, q, K, { skip: (j) => packs[j] === packs[q] })) ?? 'none');
    leaveOnePackOut = { packs: packCount, accuracy: accuracy(actual, votes), drumAccuracy: accuracy(actual, votes, DRUM_CATEGORIES) };
  }
  const overall = precisionAtK(vectors, actual, { k: K });
  const crossPack = packCount > 1 ? precisionAtK(vectors, actual, { k: K, groups: packs, excludeSameGroup: true }) : null;

  // The taxonomy's `loop` category is the one kind label a category CSV carries.
  const kindTruth = usable.filter((u) => isCategory(u.row.category)).map((u) => (u.row.category === 'loop' ? 'loop' : 'one-shot'));
  const kindGuess = usable.filter((u) => isCategory(u.row.category)).map((u) => u.kind ?? 'none');
  const musicalRows: MusicalRow[] = usable.map((u) => ({
    truth: { bpm: u.row.bpm, key: u.row.key, note: u.row.note },
    estimate: { bpm: u.bpm, key: u.key, note: u.note },
  }));

  return {
    labelled: rows.length,
    evaluated: usable.length,
    failed,
    category: {
      classes,
      accuracy: accuracy(actual, predicted),
      drumAccuracy: accuracy(actual, predicted, DRUM_CATEGORIES),
      perClass: perClassMetrics(confusion, classes).filter((c) => c.support > 0),
      confusion,
    },
    leaveOnePackOut,
    neighbours: { k: K, precision: overall.precision, crossPackPrecision: crossPack?.precision ?? null },
    kind: { accuracy: accuracy(kindTruth, kindGuess), total: kindTruth.length },
    musical: evaluateMusical(musicalRows),
    anomalies,
  };
}
