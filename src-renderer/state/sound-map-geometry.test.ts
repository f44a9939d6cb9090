import { describe, expect, it } from 'vitest';
import { HOME_VIEW, SpatialGrid, mapTransform, pointInPolygon, pointsInPolygon, toMap, toScreen, zoomAt, type MapXY } from './sound-map-geometry.js';

/** Seeded so a failure reproduces. */
function randomPoints(count: number, seed = 7): MapXY[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return Array.from({ length: count }, () => ({ x: next(), y: next() }));
}

function bruteNearest(points: readonly MapXY[], x: number, y: number, radiusPx: number, sx: number, sy: number): number {
  let best = -1;
  let bestDistance = radiusPx * radiusPx;
  points.forEach((point, index) => {
    const distance = ((point.x - x) * sx) ** 2 + ((point.y - y) * sy) ** 2;
    if (distance <= bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

describe('pointInPolygon', () => {
  const square = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }];
  // A "C" shape: the notch (0.3..1 × 0.3..0.7) is outside although inside the bounding box.
  const cShape = [
    { x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 0.3 }, { x: 0.3, y: 0.3 },
    { x: 0.3, y: 0.7 }, { x: 1, y: 0.7 }, { x: 1, y: 1 }, { x: 0, y: 1 },
  ];

  it('tells inside from outside for a convex polygon', () => {
    expect(pointInPolygon(0.5, 0.5, square)).toBe(true);
    expect(pointInPolygon(1.5, 0.5, square)).toBe(false);
    expect(pointInPolygon(0.5, -0.1, square)).toBe(false);
  });

  it('handles a concave lasso (the notch is outside)', () => {
    expect(pointInPolygon(0.1, 0.5, cShape)).toBe(true);
    expect(pointInPolygon(0.6, 0.5, cShape)).toBe(false);
    expect(pointInPolygon(0.6, 0.15, cShape)).toBe(true);
    expect(pointInPolygon(0.6, 0.85, cShape)).toBe(true);
  });

  it('works for a self-intersecting freehand lasso (even-odd) and either winding', () => {
    const bowTie = [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 1, y: 0 }, { x: 0, y: 1 }];
    expect(pointInPolygon(0.1, 0.5, bowTie)).toBe(true);
    expect(pointInPolygon(0.5, 0.1, bowTie)).toBe(false);
    expect(pointInPolygon(0.5, 0.5, [...square].reverse())).toBe(true);
  });

  it('pointsInPolygon returns indices inside, nothing for a degenerate lasso', () => {
    const points = [{ x: 0.1, y: 0.5 }, { x: 0.6, y: 0.5 }, { x: 0.5, y: 0.9 }, { x: 2, y: 2 }];
    expect(pointsInPolygon(points, cShape)).toEqual([0, 2]);
    expect(pointsInPolygon(points, [{ x: 0, y: 0 }, { x: 1, y: 1 }])).toEqual([]);
  });
});

describe('SpatialGrid', () => {
  it('finds the same nearest point as a full scan, on anisotropic canvases', () => {
    const points = randomPoints(6000);
    const grid = new SpatialGrid(points);
    const queries = randomPoints(500, 99);
    for (const [sx, sy] of [[800, 600], [1200, 300], [400, 900]]) {
      for (const query of queries) {
        expect(grid.nearest(query.x, query.y, 8, sx, sy)).toBe(bruteNearest(points, query.x, query.y, 8, sx, sy));
      }
    }
  });

  it('returns -1 when nothing is within the radius', () => {
    const grid = new SpatialGrid([{ x: 0.1, y: 0.1 }]);
    expect(grid.nearest(0.9, 0.9, 10, 500, 500)).toBe(-1);
    expect(grid.nearest(0.11, 0.1, 10, 500, 500)).toBe(0);
  });

  it('keeps points on the edges (x or y = 1) and stray values findable', () => {
    const points = [{ x: 1, y: 1 }, { x: 0, y: 0 }, { x: 1.02, y: -0.01 }];
    const grid = new SpatialGrid(points, 16);
    expect(grid.nearest(0.999, 0.999, 5, 500, 500)).toBe(0);
    expect(grid.nearest(0.001, 0.001, 5, 500, 500)).toBe(1);
    expect(grid.nearest(1.02, 0, 10, 500, 500)).toBe(2);
  });

  it('answers 6,000-point hover queries fast (well under a frame per hundred moves)', () => {
    const points = randomPoints(6000);
    const grid = new SpatialGrid(points);
    const queries = randomPoints(10_000, 3);
    const start = performance.now();
    for (const query of queries) grid.nearest(query.x, query.y, 10, 900, 600);
    expect(performance.now() - start).toBeLessThan(200);
  });
});

describe('map transform', () => {
  it('fits the unit square inside the padding, and toMap inverts toScreen', () => {
    const t = mapTransform(820, 620, 10, HOME_VIEW);
    expect(toScreen({ x: 0, y: 0 }, t)).toEqual({ x: 10, y: 10 });
    expect(toScreen({ x: 1, y: 1 }, t)).toEqual({ x: 810, y: 610 });
    const back = toMap(toScreen({ x: 0.3, y: 0.7 }, t), t);
    expect(back.x).toBeCloseTo(0.3, 12);
    expect(back.y).toBeCloseTo(0.7, 12);
  });

  it('zooming keeps the point under the cursor in place and is clamped', () => {
    const before = mapTransform(800, 600, 12, HOME_VIEW);
    const under = toMap({ x: 300, y: 200 }, before);
    const view = zoomAt(HOME_VIEW, 2, 300, 200, 12);
    const after = toScreen(under, mapTransform(800, 600, 12, view));
    expect(after.x).toBeCloseTo(300, 9);
    expect(after.y).toBeCloseTo(200, 9);
    expect(zoomAt(HOME_VIEW, 0.5, 300, 200, 12).zoom).toBe(1);
    expect(zoomAt({ zoom: 39, panX: 0, panY: 0 }, 2, 0, 0, 12).zoom).toBe(40);
  });
});
