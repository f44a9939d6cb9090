// Genre labels for the whole library: user labels stay, folder and pack names label what they
// name, and a forest trained on those labels predicts the rest (`unknown` where evidence is weak).
// Runs after each changing index run and after every correction, so the model follows the labels.
import { relative, sep } from 'node:path';
import type { Catalogue } from '../catalogue/catalogue.js';
import { standardise, type FeatureTransform } from '../embed/features.js';
import { genreFromPath } from '../models/genre-words.js';
import { predictGenres, type GenreRow } from '../models/genre-model.js';
import { sameScore } from './unchanged-score.js';

/** The path below the longest library root containing it: only names the user gave inside the library count. */
function pathBelowRoot(path: string, roots: readonly string[]): string {
  const root = roots.filter((r) => path.startsWith(r.endsWith(sep) ? r : r + sep)).sort((a, b) => b.length - a.length)[0];
  return root ? relative(root, path) : path;
}

export function refreshGenres(catalogue: Catalogue, transform: FeatureTransform): { labelled: number; predicted: number } {
  const roots = catalogue.roots();
  const logFeatures = new Set(transform.logFeatures);
  const rows: GenreRow[] = [];
  type Label = { id: number; genre: string | null; source: 'user' | 'path' | 'model' | null; confidence: number | null };
  const labels: Label[] = [];
  const stored = new Map<number, { genre: string | null; source: string | null; confidence: number | null }>();
  for (const sample of catalogue.iterateGenreInputs()) {
    if (!sample.descriptors) continue;
    stored.set(sample.id, { genre: sample.genre, source: sample.genreSource, confidence: sample.genreConfidence });
    const features = Array.from(standardise(sample.descriptors, transform, logFeatures));
    if (sample.genreSource === 'user') {
      rows.push({ id: sample.id, features, label: sample.genre });
      continue;
    }
    const fromPath = genreFromPath(pathBelowRoot(sample.path, roots));
    rows.push({ id: sample.id, features, label: fromPath });
    if (fromPath) labels.push({ id: sample.id, genre: fromPath, source: 'path', confidence: 1 });
  }
  const guesses = predictGenres(rows);
  const unlabelled = rows.filter((r) => r.label === null);
  if (guesses) {
    for (const g of guesses) labels.push({ id: g.id, genre: g.genre, source: 'model', confidence: g.confidence });
  } else {
    // Too few labelled genres to learn from: predictions are withdrawn rather than left stale.
    for (const r of unlabelled) labels.push({ id: r.id, genre: null, source: null, confidence: null });
  }
  const unchanged = (label: Label): boolean => {
    const before = stored.get(label.id);
    return before !== undefined && before.genre === label.genre && before.source === label.source && sameScore(before.confidence, label.confidence);
  };
  catalogue.setGenres(labels.filter((label) => !unchanged(label)));
  return { labelled: rows.length - unlabelled.length, predicted: guesses?.length ?? 0 };
}
