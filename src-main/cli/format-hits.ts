// Similar-sound results as a terminal table.
import type { SearchHit } from '../../src-shared/sample.js';

export function formatHits(hits: SearchHit[]): string {
  if (hits.length === 0) return '(no similar samples in the library)';
  return hits
    .map((hit, i) => {
      const s = hit.sample;
      const label = [s.category?.value, s.kind, s.bpm ? `${s.bpm} bpm` : null, s.note].filter(Boolean).join(', ');
      return `${String(i + 1).padStart(3)}. ${hit.distance.toFixed(3)}  ${s.path}${label ? `  (${label})` : ''}`;
    })
    .join('\n');
}
