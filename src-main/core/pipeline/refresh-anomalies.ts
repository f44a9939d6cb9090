// The index run's last stage: re-judge library-wide anomalies (duplicates, odd ones out) now that
// the set of files has changed. File-level reasons are recomputed from the stored decode facts,
// so verdicts never accumulate stale reasons.
import type { Catalogue } from '../catalogue/catalogue.js';
import { fileAnomalyReasons } from '../models/file-checks.js';
import { libraryAnomalies, soundFingerprint, type AnomalyInputRow } from '../models/library-anomalies.js';

export function refreshLibraryAnomalies(catalogue: Catalogue): { flagged: number } {
  const rows: AnomalyInputRow[] = [];
  for (const row of catalogue.iterateAnomalyInputs()) {
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
  const verdicts = libraryAnomalies(rows);
  catalogue.setAnomalies(verdicts.map((v) => ({ id: v.id, anomaly: { flagged: v.reasons.length > 0, score: v.score, reasons: v.reasons } })));
  return { flagged: verdicts.filter((v) => v.reasons.length > 0).length };
}
