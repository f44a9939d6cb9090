// `sampledex evaluate` as a terminal report.
import type { EvaluationReport } from '../core/service/evaluate-labels.js';

const pct = (x: number | null | undefined): string => (x === null || x === undefined || Number.isNaN(x) ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

export function formatEvaluation(r: EvaluationReport): string {
  const out: string[] = [];
  out.push(`evaluated ${r.evaluated} of ${r.labelled} labelled files (${r.failed.length} could not be analysed)`);
  out.push('');
  out.push(`category accuracy ${pct(r.category.accuracy)}   drums ${pct(r.category.drumAccuracy)}`);
  if (r.leaveOnePackOut) {
    out.push(`leave-one-pack-out (k-NN from other packs, ${r.leaveOnePackOut.packs} packs): accuracy ${pct(r.leaveOnePackOut.accuracy)}   drums ${pct(r.leaveOnePackOut.drumAccuracy)}`);
  }
  out.push(`similar-sound precision@${r.neighbours.k}: ${pct(r.neighbours.precision)}   other packs only: ${pct(r.neighbours.crossPackPrecision)}`);
  out.push(`kind (loop / one-shot) accuracy ${pct(r.kind.accuracy)} over ${r.kind.total}`);
  const m = r.musical;
  if (m.tempo.total) out.push(`tempo within 4%: ${pct(m.tempo.accuracy)} of ${m.tempo.total} (octave errors ${m.tempo.octaveErrors})`);
  if (m.key.total) out.push(`key exact: ${pct(m.key.accuracy)} of ${m.key.total} (relative ${m.key.relative}, fifth ${m.key.fifth}, parallel ${m.key.parallel})`);
  if (m.note.total) out.push(`root note exact: ${pct(m.note.accuracy)} of ${m.note.total} (octave errors ${m.note.octaveErrors})`);
  out.push('');
  out.push('class       precision  recall     F1  support');
  for (const c of r.category.perClass) {
    out.push(`${c.label.padEnd(10)}  ${pct(c.precision)}  ${pct(c.recall)}  ${pct(c.f1)}  ${String(c.support).padStart(7)}`);
  }
  out.push('');
  out.push('confusion (rows: labelled, columns: predicted)');
  const abbreviations = r.category.classes.map((c) => c.slice(0, 5).padStart(6));
  out.push(`${''.padEnd(10)}${abbreviations.join('')}`);
  r.category.confusion.forEach((row, i) => out.push(`${r.category.classes[i].padEnd(10)}${row.map((n) => String(n || '.').padStart(6)).join('')}`));
  out.push('');
  out.push(`anomalies (${r.anomalies.length}):`);
  for (const a of r.anomalies) out.push(`  ${a.reasons.join(', ').padEnd(28)} ${a.path}`);
  for (const f of r.failed) out.push(`  failed: ${f.path}: ${f.error}`);
  return out.join('\n');
}
