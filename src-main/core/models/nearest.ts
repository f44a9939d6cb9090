// Exact k-nearest neighbours by cosine similarity over unit vectors, for evaluation (small sets,
// where an exact answer beats an approximate index). Pure.

export interface NearestOptions {
  /** Items that may not be neighbours of the query (the query itself is always skipped). */
  skip?: (candidate: number) => boolean;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** Indices of the k most similar vectors to vectors[query], most similar first. */
export function nearestIndices(vectors: readonly ArrayLike<number>[], query: number, k: number, options: NearestOptions = {}): number[] {
  // A small sorted buffer: k is tiny next to the number of vectors.
  const best: { similarity: number; index: number }[] = [];
  for (let j = 0; j < vectors.length; j++) {
    if (j === query || options.skip?.(j)) continue;
    const similarity = dot(vectors[query], vectors[j]);
    if (best.length === k && similarity <= best[k - 1].similarity) continue;
    let at = best.length;
    while (at > 0 && best[at - 1].similarity < similarity) at--;
    best.splice(at, 0, { similarity, index: j });
    if (best.length > k) best.pop();
  }
  return best.map((b) => b.index);
}

/** The label most of the k neighbours carry (ties: the nearer neighbour's label), or null with no neighbours. */
export function majorityLabel(labels: readonly string[], neighbours: readonly number[]): string | null {
  const votes = new Map<string, number>();
  for (const n of neighbours) votes.set(labels[n], (votes.get(labels[n]) ?? 0) + 1);
  let best: string | null = null;
  let bestVotes = 0;
  for (const n of neighbours) {
    const v = votes.get(labels[n])!;
    if (v > bestVotes) {
      best = labels[n];
      bestVotes = v;
    }
  }
  return best;
}
