// Genre for samples nobody labelled: a random forest trained, inside the user's own library, on the
// samples whose genre is known (from folder/pack names or set by hand). Pure: rows in, guesses out.
import { RandomForestClassifier } from 'ml-random-forest';
import { UNKNOWN_GENRE } from '../../../src-shared/taxonomy.js';

export interface GenreRow {
  id: number;
  features: number[];
  /** Known genre (path or user), or null when it must be predicted. */
  label: string | null;
}

export interface GenreGuess {
  id: number;
  genre: string;
  confidence: number;
}

/** Each genre needs this many labelled samples before the forest may predict it. */
export const MIN_SAMPLES_PER_GENRE = 5;
/** Below this share of tree votes the evidence is weak and the answer is `unknown`. */
export const MIN_CONFIDENCE = 0.5;
/** Training rows per genre, so one huge genre folder does not drown the rest and training stays quick. */
const MAX_ROWS_PER_GENRE = 400;
const TREES = 50;

/** Returns guesses for the unlabelled rows, or null when the labels cannot support a model (fewer than two genres). */
export function predictGenres(rows: readonly GenreRow[]): GenreGuess[] | null {
  const byGenre = new Map<string, GenreRow[]>();
  for (const row of rows) {
    if (row.label === null || row.label === UNKNOWN_GENRE) continue;
    byGenre.set(row.label, [...(byGenre.get(row.label) ?? []), row]);
  }
  const genres = [...byGenre.keys()].filter((g) => byGenre.get(g)!.length >= MIN_SAMPLES_PER_GENRE).sort();
  if (genres.length < 2) return null;

  const trainX: number[][] = [];
  const trainY: number[] = [];
  genres.forEach((genre, index) => {
    const members = byGenre.get(genre)!;
    // Spread the picks over the genre's rows (deterministic), and repeat small genres up to balance.
    const want = Math.min(MAX_ROWS_PER_GENRE, Math.max(...genres.map((g) => byGenre.get(g)!.length)));
    for (let k = 0; k < want; k++) {
      trainX.push(members[Math.floor((k * members.length) / want) % members.length].features);
      trainY.push(index);
    }
  });
  const forest = new RandomForestClassifier({
    nEstimators: TREES,
    maxFeatures: 0.4,
    replacement: true,
    seed: 11,
    useSampleBagging: true,
    noOOB: true,
    treeOptions: { maxDepth: 12, minNumSamples: 2 },
  });
  forest.train(trainX, trainY);

  const unlabelled = rows.filter((r) => r.label === null);
  if (unlabelled.length === 0) return [];
  const votes = forest.predictionValues(unlabelled.map((r) => r.features));
  return unlabelled.map((row, i) => {
    const counts = new Array<number>(genres.length).fill(0);
    const treeVotes = votes.getRow(i);
    for (const vote of treeVotes) counts[vote]++;
    const best = counts.indexOf(Math.max(...counts));
    const confidence = counts[best] / treeVotes.length;
    return { id: row.id, genre: confidence >= MIN_CONFIDENCE ? genres[best] : UNKNOWN_GENRE, confidence };
  });
}
