// The index run's last stage: re-judge library-wide anomalies (duplicates, odd ones out) now that
// the set of files has changed. File-level reasons are recomputed from the stored decode facts,
// so verdicts never accumulate stale reasons.
import type { AnomalyInfo } from '../../../src-shared/sample.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { fileAnomalyReasons } from '../models/file-checks.js';
import { libraryAnomalies, soundFingerprint, type AnomalyInputRow } from '../models/library-anomalies.js';

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
  // A row holds ~12 KB, so updating one rewrites all of it: at 100k samples writing every verdict
  // took 20 of the pass's 30 s. Only changed verdicts are written.
  catalogue.setAnomalies(verdicts.filter((v) => !sameVerdict(stored.get(v.id), v.anomaly)));
  return { flagged: verdicts.filter((v) => v.anomaly.flagged).length };
}

/**
 * Scores move a little for every sample whenever the library changes (the forest's subsample does),
 * so a score within this of the stored one counts as unchanged (the app shows whole percents).
 */
const SCORE_TOLERANCE = 0.005;

function sameVerdict(stored: AnomalyInfo | undefined, verdict: AnomalyInfo): boolean {
  if (!stored || stored.flagged !== verdict.flagged || stored.reasons.join('\n') !== verdict.reasons.join('\n')) return false;
  if (stored.score === null || verdict.score === null) return stored.score === verdict.score;
  return Math.abs(stored.score - verdict.score) < SCORE_TOLERANCE;
}
