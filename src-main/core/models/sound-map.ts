// The 2-D sound map (as in XO and Atlas): UMAP of the embeddings, so neighbours on screen sound
// alike. Pure: vectors in, normalised coordinates out; seeded, so the map does not reshuffle
// every time it is opened.
import { UMAP } from 'umap-js';
import { createRandom } from '../../../src-shared/seeded-random.js';

/** UMAP in JavaScript is roughly linear but slow; beyond this the map shows an even sample of the library. */
export const MAX_MAP_POINTS = 6000;

export interface MapInput {
  id: number;
  embedding: Float32Array;
}

export interface MapPoint {
  id: number;
  /** 0..1 across the map. */
  x: number;
  y: number;
}

/** Every n-th item, so a huge library is mapped from an even spread rather than its first folders. */
export function evenSample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}

export function soundMap(inputs: readonly MapInput[]): MapPoint[] {
  const points = evenSample(inputs, MAX_MAP_POINTS);
  if (points.length === 0) return [];
  if (points.length < 4) return points.map((p, i) => ({ id: p.id, x: (i + 1) / (points.length + 1), y: 0.5 }));
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.min(15, points.length - 1),
    minDist: 0.1,
    random: createRandom(42),
  });
  const coordinates = umap.fit(points.map((p) => Array.from(p.embedding)));
  const xs = coordinates.map((c) => c[0]);
  const ys = coordinates.map((c) => c[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  return points.map((p, i) => ({ id: p.id, x: (xs[i] - minX) / spanX, y: (ys[i] - minY) / spanY }));
}
