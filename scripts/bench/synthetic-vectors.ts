// Synthetic unit vectors for the search and scale benches, packed in one Float32Array (n × dimension):
// a million separate typed arrays would cost more in object headers than in numbers.

/** A small deterministic generator (LCG): the same seed gives the same library on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function normaliseRows(data: Float32Array, dimension: number): Float32Array {
  for (let start = 0; start < data.length; start += dimension) {
    let norm = 0;
    for (let j = 0; j < dimension; j++) norm += data[start + j] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dimension; j++) data[start + j] /= norm;
  }
  return data;
}

/** Uniform on the sphere: no structure at all, the hardest case for a graph index. */
export function uniformVectors(count: number, dimension: number, seed: number): Float32Array {
  const normal = gaussian(seededRandom(seed));
  const data = new Float32Array(count * dimension);
  for (let i = 0; i < data.length; i++) data[i] = normal();
  return normaliseRows(data, dimension);
}

/**
 * Clustered like real embeddings (sounds of a kind sit together): one centre per ~100 vectors, each
 * vector its centre plus noise about as large as the spread between neighbouring centres.
 */
export function clusteredVectors(count: number, dimension: number, seed: number): Float32Array {
  const normal = gaussian(seededRandom(seed));
  const clusters = Math.max(1, Math.round(count / 100));
  const centres = new Float32Array(clusters * dimension);
  for (let i = 0; i < centres.length; i++) centres[i] = normal();
  normaliseRows(centres, dimension);
  const spread = 0.6 / Math.sqrt(dimension);
  const data = new Float32Array(count * dimension);
  for (let i = 0; i < count; i++) {
    const c = i % clusters;
    for (let j = 0; j < dimension; j++) data[i * dimension + j] = centres[c * dimension + j] + normal() * spread;
  }
  return normaliseRows(data, dimension);
}

/** The exact k nearest rows by cosine (vectors are unit length, so the largest dot products), as 1-based ids. */
export function exactNearest(data: Float32Array, dimension: number, query: Float32Array, k: number): number[] {
  const bestIds: number[] = [];
  const bestDots: number[] = [];
  const count = data.length / dimension;
  for (let i = 0; i < count; i++) {
    let dot = 0;
    const base = i * dimension;
    for (let j = 0; j < dimension; j++) dot += data[base + j] * query[j];
    if (bestDots.length === k && dot <= bestDots[k - 1]) continue;
    let at = bestDots.length;
    while (at > 0 && bestDots[at - 1] < dot) at--;
    bestDots.splice(at, 0, dot);
    bestIds.splice(at, 0, i + 1);
    if (bestDots.length > k) {
      bestDots.pop();
      bestIds.pop();
    }
  }
  return bestIds;
}
