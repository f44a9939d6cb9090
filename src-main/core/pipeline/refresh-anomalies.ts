// The index run's last stage: re-judge library-wide anomalies (duplicates, odd ones out) now that
// the set of files has changed. File-level reasons are recomputed from the stored decode facts,
// so verdicts never accumulate stale reasons.
import type { AnomalyInfo } from '../../../src-shared/sample.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { fileAnomalyReasons } from '../models/file-checks.js';
import { libraryAnomalies, soundFingerprint, type AnomalyInputRow } from '../models/library-anomalies.js';
import { sameScore } from './unchanged-score.js';

export function refreshLibraryAnomalies(catalogue: Catalogue): { flagged: number } {
  const rows: AnomalyInputRow[] = [];
  const stored = new Map<number, AnomalyInfo>();
  for (const row of catalogue.iterateAnomalyInputs()) {
    stored.set(row.id, row.anomaly);
    const fileReasons = row.error
      ? ['corrupt']
      : row.decode
        ? fileAnomalyReasons({ decode: row.decode, durationSec: row.durationSec ?? 0 })
        : [];
    rows.push({
      id: row.id,
      embedding: row.embedding,
      audioHash: row.audioHash,
      fingerprint: row.descriptors ? soundFingerprint(row.descriptors) : null,
      fileReasons,
    });
  }
  const verdicts = libraryAnomalies(rows).map((v) => ({ id: v.id, anomaly: { flagged: v.reasons.length > 0, score: v.score, reasons: v.reasons } }));
  // Writing every verdict took 20 of the pass's 30 s at 100k samples (see unchanged-score.ts).
  catalogue.setAnomalies(verdicts.filter((v) => !sameVerdict(stored.get(v.id), v.anomaly)));
  return { flagged: verdicts.filter((v) => v.anomaly.flagged).length };
}

function sameVerdict(stored: AnomalyInfo | undefined, verdict: AnomalyInfo): boolean {
  if (!stored || stored.flagged !== verdict.flagged || stored.reasons.join('\n') !== verdict.reasons.join('\n')) return false;
  return sameScore(stored.score, verdict.score);
}
