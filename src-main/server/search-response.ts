// The answer of POST /search, kept compatible with the Python prototype's clients: each result
// starts with the prototype's fields (path, distance, then the labels flattened to plain
// strings), followed by what Sampledex adds.
import { plainLabels, type SearchHit } from '../../src-shared/sample.js';
import type { Kind } from '../../src-shared/taxonomy.js';

export interface SearchResultItem {
  path: string;
  /** Cosine distance in embedding space; 0 is identical. */
  distance: number;
  category: string | null;
  genre: string | null;
  kind: Kind | null;
  bpm: number | null;
  key: string | null;
  note: string | null;
  durationSec: number | null;
  /** Sample id: fetch `/api/samples/{id}` for the full record or `/api/samples/{id}/audio` to play it. */
  id: number;
}

export interface SearchResponse {
  results: SearchResultItem[];
  query: {
    /** File name as uploaded. */
    filename: string;
    sizeBytes: number;
    n_results: number;
  };
}

export function toSearchResponse(hits: readonly SearchHit[], query: SearchResponse['query']): SearchResponse {
  return {
    results: hits.map(({ sample, distance }) => ({
      path: sample.path,
      distance,
      ...plainLabels(sample),
      id: sample.id,
    })),
    query,
  };
}
