// Geometry of the sound map, pure so it is unit-tested without a DOM: a bucket grid for hover
// hit-testing (a mouse move must not scan 6,000 points), the lasso's point-in-polygon test, and
// the view transform between map coordinates (0..1) and canvas pixels.

export interface MapXY {
  x: number;
  y: number;
}

/**
 * Uniform grid over the unit square: each cell lists the indices of the points inside it. With
 * ~6,000 points and a 64×64 grid a cell holds ~1.5 points, so a nearest query around the cursor
 * reads a handful of cells instead of every point.
 */
export class SpatialGrid {
  private readonly cells: number[][];

  constructor(
    private readonly points: readonly MapXY[],
    private readonly size = 64,
  ) {
    this.cells = Array.from({ length: size * size }, () => []);
    points.forEach((point, index) => this.cells[this.cellOf(point.y) * size + this.cellOf(point.x)].push(index));
  }

  private cellOf(coordinate: number): number {
    // Coordinates are 0..1 by contract; clamp so 1.0 (and any stray value) still lands in a cell.
    return Math.min(this.size - 1, Math.max(0, Math.floor(coordinate * this.size)));
  }

  /**
   * Index of the point nearest to map position (x, y) within `radiusPx` screen pixels, or -1.
   * Distance is measured in pixels (map units times pixels per unit on each axis), so "nearest"
   * is what the eye sees on a canvas that stretches x and y differently.
   */
  nearest(x: number, y: number, radiusPx: number, pxPerUnitX: number, pxPerUnitY: number): number {
    const radiusX = radiusPx / pxPerUnitX;
    const radiusY = radiusPx / pxPerUnitY;
    const [fromX, toX] = [this.cellOf(x - radiusX), this.cellOf(x + radiusX)];
    const [fromY, toY] = [this.cellOf(y - radiusY), this.cellOf(y + radiusY)];
    let best = -1;
    let bestDistance = radiusPx * radiusPx;
    for (let row = fromY; row <= toY; row++) {
      for (let column = fromX; column <= toX; column++) {
        for (const index of this.cells[row * this.size + column]) {
          const point = this.points[index];
          const distance = ((point.x - x) * pxPerUnitX) ** 2 + ((point.y - y) * pxPerUnitY) ** 2;
          if (distance <= bestDistance) {
            best = index;
            bestDistance = distance;
          }
        }
      }
    }
    return best;
  }
}

/** Even-odd ray casting: a point exactly on an edge may fall either way, which a lasso never notices. */
export function pointInPolygon(x: number, y: number, polygon: readonly MapXY[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i];
    const b = polygon[j];
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Indices of the points inside the polygon; the bounding box rejects most points cheaply. */
export function pointsInPolygon(points: readonly MapXY[], polygon: readonly MapXY[]): number[] {
  if (polygon.length < 3) return [];
  const xs = polygon.map((p) => p.x);
  const ys = polygon.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const inside: number[] = [];
  points.forEach((point, index) => {
    if (point.x < minX || point.x > maxX || point.y < minY || point.y > maxY) return;
    if (pointInPolygon(point.x, point.y, polygon)) inside.push(index);
  });
  return inside;
}

/** Screen = a·map + b per axis, in CSS pixels relative to the canvas. */
export interface MapTransform {
  ax: number;
  bx: number;
  ay: number;
  by: number;
}

/** Zoom and pan on top of the fitted view: zoom 1, pan 0 shows the whole map. */
export interface MapView {
  zoom: number;
  panX: number;
  panY: number;
}

export const HOME_VIEW: MapView = { zoom: 1, panX: 0, panY: 0 };

/** The map fills the canvas less `padding` on every side (so edge points are not cut in half), then zooms and pans. */
export function mapTransform(width: number, height: number, padding: number, view: MapView): MapTransform {
  const spanX = Math.max(1, width - 2 * padding);
  const spanY = Math.max(1, height - 2 * padding);
  return {
    ax: spanX * view.zoom,
    bx: padding + view.panX,
    ay: spanY * view.zoom,
    by: padding + view.panY,
  };
}

export function toScreen(point: MapXY, t: MapTransform): MapXY {
  return { x: point.x * t.ax + t.bx, y: point.y * t.ay + t.by };
}

export function toMap(screen: MapXY, t: MapTransform): MapXY {
  return { x: (screen.x - t.bx) / t.ax, y: (screen.y - t.by) / t.ay };
}

/** Zooms by `factor` keeping the map point under (screenX, screenY) in place, as wheel zoom in any map app. */
export function zoomAt(view: MapView, factor: number, screenX: number, screenY: number, padding: number, minZoom = 1, maxZoom = 40): MapView {
  const zoom = Math.min(maxZoom, Math.max(minZoom, view.zoom * factor));
  const applied = zoom / view.zoom;
  // screen = padding + pan + map·span·zoom  ⇒  keep (screen - padding - pan) scaled by the applied factor.
  return {
    zoom,
    panX: screenX - padding - (screenX - padding - view.panX) * applied,
    panY: screenY - padding - (screenY - padding - view.panY) * applied,
  };
}
