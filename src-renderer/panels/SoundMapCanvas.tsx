// The sound map's drawing surface: every point on one <canvas> (devicePixelRatio aware), redrawn
// in at most one requestAnimationFrame per change. Hover hit-testing goes through a bucket grid,
// so sweeping the mouse over 6,000 points stays cheap. Drag pans, wheel zooms around the cursor,
// shift-drag (or lasso mode) draws a lasso, a click picks a point, double-click resets the view.
// Interaction state lives in refs, not React state: a mouse move must not re-render React.
import { useEffect, useMemo, useRef, type PointerEvent, type ReactNode } from 'react';
import type { SoundMapPoint } from '../../src-shared/api.js';
import type { Category } from '../../src-shared/taxonomy.js';
import {
  HOME_VIEW, SpatialGrid, mapTransform, pointsInPolygon, toMap, zoomAt,
  type MapTransform, type MapView, type MapXY,
} from '../state/sound-map-geometry.js';
import { categoryColour } from './category-colours.js';

/** Blank margin around the map, so points on its edge are drawn whole. */
const PADDING = 14;
/** How far (CSS px) from a point the cursor still counts as on it. */
const HOVER_RADIUS_PX = 10;
/** Movement (CSS px) below which a press-and-release is a click, not a pan. */
const CLICK_SLOP_PX = 4;
const WHEEL_ZOOM_STEP = 1.0015;

export interface SoundMapCanvasProps {
  points: readonly SoundMapPoint[];
  /** Lasso selection: drawn with a ring. */
  selectedIds: ReadonlySet<number>;
  /** The sample open in the detail panel. */
  focusedId: number | null;
  /** Legend hover: other categories fade. `undefined` highlights nothing. */
  highlightCategory?: Category | null;
  lassoMode: boolean;
  onHover(point: SoundMapPoint | null): void;
  onPick(point: SoundMapPoint): void;
  onLasso(points: SoundMapPoint[]): void;
}

type Drag =
  | { kind: 'pan'; startX: number; startY: number; startView: MapView; moved: boolean }
  | { kind: 'lasso'; path: MapXY[] };

/** Smaller dots for bigger maps: 5.5 px for a few dozen sounds, 2.5 px for thousands. */
function baseRadius(count: number): number {
  return Math.min(5.5, Math.max(2.5, 7 - 1.25 * Math.log10(Math.max(count, 1))));
}

export function SoundMapCanvas(props: SoundMapCanvasProps): ReactNode {
  const { points, selectedIds, focusedId, highlightCategory, lassoMode, onPick, onLasso } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useRef({ width: 0, height: 0, ratio: 1 });
  const view = useRef<MapView>(HOME_VIEW);
  const hover = useRef(-1);
  const drag = useRef<Drag | null>(null);
  const frame = useRef(0);
  const grid = useMemo(() => new SpatialGrid(points), [points]);

  // The latest props for the imperative handlers and the draw loop, without re-binding listeners.
  const latest = useRef({ ...props, grid });
  latest.current = { ...props, grid };

  const transform = (): MapTransform => mapTransform(size.current.width, size.current.height, PADDING, view.current);

  const draw = (): void => {
    frame.current = 0;
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const { width, height, ratio } = size.current;
    const { points: all, selectedIds: selected, focusedId: focused, highlightCategory: highlight } = latest.current;
    const t = transform();
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const radius = Math.min(9, baseRadius(all.length) * Math.sqrt(view.current.zoom));

    // One path per colour: 18 fills instead of 6,000.
    const byColour = new Map<string, number[]>();
    all.forEach((point, index) => {
      const colour = categoryColour(point.category);
      const list = byColour.get(colour);
      if (list) list.push(index);
      else byColour.set(colour, [index]);
    });
    for (const [colour, indices] of byColour) {
      const faded = highlight !== undefined && all[indices[0]].category !== highlight;
      context.globalAlpha = faded ? 0.12 : 0.88;
      context.fillStyle = colour;
      context.beginPath();
      for (const index of indices) {
        const x = all[index].x * t.ax + t.bx;
        const y = all[index].y * t.ay + t.by;
        if (x < -radius || y < -radius || x > width + radius || y > height + radius) continue;
        context.moveTo(x + radius, y);
        context.arc(x, y, radius, 0, 2 * Math.PI);
      }
      context.fill();
    }
    context.globalAlpha = 1;

    if (selected.size > 0) {
      context.strokeStyle = '#ffffff';
      context.lineWidth = 1.5;
      context.beginPath();
      for (const point of all) {
        if (!selected.has(point.id)) continue;
        const x = point.x * t.ax + t.bx;
        const y = point.y * t.ay + t.by;
        context.moveTo(x + radius + 2, y);
        context.arc(x, y, radius + 2, 0, 2 * Math.PI);
      }
      context.stroke();
    }

    const ring = (index: number, colour: string, extra: number): void => {
      const point = all[index];
      if (!point) return;
      context.strokeStyle = colour;
      context.lineWidth = 2;
      context.beginPath();
      context.arc(point.x * t.ax + t.bx, point.y * t.ay + t.by, radius + extra, 0, 2 * Math.PI);
      context.stroke();
    };
    if (focused !== null) ring(all.findIndex((point) => point.id === focused), '#e0a030', 4);

    const lasso = drag.current?.kind === 'lasso' ? drag.current.path : null;
    if (lasso && lasso.length > 1) {
      context.beginPath();
      lasso.forEach((point, i) => (i === 0 ? context.moveTo(point.x, point.y) : context.lineTo(point.x, point.y)));
      context.closePath();
      context.fillStyle = 'rgba(95, 143, 191, 0.15)';
      context.fill();
      context.setLineDash([4, 3]);
      context.strokeStyle = '#8fb6dd';
      context.lineWidth = 1;
      context.stroke();
      context.setLineDash([]);
    }

    const hovered = all[hover.current];
    if (hovered) {
      ring(hover.current, '#ffffff', 3);
      const x = hovered.x * t.ax + t.bx;
      const y = hovered.y * t.ay + t.by;
      const label = hovered.category ? `${hovered.name}  ·  ${hovered.category}` : hovered.name;
      context.font = '12px system-ui, sans-serif';
      const textWidth = context.measureText(label).width;
      // Label to the right of the point, flipped left near the right edge; kept inside vertically.
      const left = x + 12 + textWidth + 10 > width ? x - 12 - textWidth - 10 : x + 12;
      const top = Math.min(Math.max(y - 10, 2), height - 22);
      context.fillStyle = 'rgba(17, 19, 23, 0.92)';
      context.fillRect(left, top, textWidth + 10, 20);
      context.fillStyle = '#e8ebef';
      context.fillText(label, left + 5, top + 14);
    }

    // For tests and devtools: how map coordinates land on the canvas, and what is under the cursor.
    canvas.dataset.transform = JSON.stringify(t);
    canvas.dataset.hoverId = hovered ? String(hovered.id) : '';
  };

  const requestDraw = (): void => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  };

  // Size the backing store to CSS size × devicePixelRatio, so dots stay crisp on HiDPI screens.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const resize = (): void => {
      const ratio = window.devicePixelRatio || 1;
      const { clientWidth: width, clientHeight: height } = canvas;
      size.current = { width, height, ratio };
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      draw();
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    // Moving the window to a screen with another pixel ratio changes no CSS size: listen for it too.
    window.addEventListener('resize', resize);
    resize();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', resize);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
    // Bound once on purpose: draw reads everything through refs.
  }, []);

  // New points (or a new layout) invalidate the hover index; any visual prop change redraws.
  useEffect(() => {
    hover.current = -1;
    requestDraw();
  }, [points]);
  useEffect(() => {
    requestDraw();
  }, [selectedIds, focusedId, highlightCategory]);

  // Wheel zoom needs a non-passive listener to stop the page from scrolling; React's onWheel is passive.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      const rect = canvas.getBoundingClientRect();
      view.current = zoomAt(view.current, WHEEL_ZOOM_STEP ** -event.deltaY, event.clientX - rect.left, event.clientY - rect.top, PADDING);
      requestDraw();
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, []);

  const localPoint = (event: PointerEvent<HTMLCanvasElement>): MapXY => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const setHover = (index: number): void => {
    if (index === hover.current) return;
    hover.current = index;
    requestDraw();
    latest.current.onHover(latest.current.points[index] ?? null);
  };

  const hitTest = (screen: MapXY): number => {
    const t = transform();
    const at = toMap(screen, t);
    return latest.current.grid.nearest(at.x, at.y, HOVER_RADIUS_PX, t.ax, t.ay);
  };

  return (
    <canvas
      ref={canvasRef}
      className={lassoMode ? 'map-canvas lasso' : 'map-canvas'}
      data-testid="sound-map-canvas"
      data-point-count={points.length}
      tabIndex={0}
      aria-label={`Sound map of ${points.length} samples`}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        const at = localPoint(event);
        drag.current =
          event.shiftKey || lassoMode
            ? { kind: 'lasso', path: [at] }
            : { kind: 'pan', startX: at.x, startY: at.y, startView: view.current, moved: false };
      }}
      onPointerMove={(event) => {
        const at = localPoint(event);
        const current = drag.current;
        if (current?.kind === 'lasso') {
          const last = current.path[current.path.length - 1];
          if (Math.hypot(at.x - last.x, at.y - last.y) >= 2) {
            current.path.push(at);
            requestDraw();
          }
          return;
        }
        if (current?.kind === 'pan') {
          const dx = at.x - current.startX;
          const dy = at.y - current.startY;
          if (!current.moved && Math.hypot(dx, dy) < CLICK_SLOP_PX) return;
          current.moved = true;
          view.current = { ...current.startView, panX: current.startView.panX + dx, panY: current.startView.panY + dy };
          requestDraw();
          return;
        }
        setHover(hitTest(at));
      }}
      onPointerUp={(event) => {
        const current = drag.current;
        drag.current = null;
        if (current?.kind === 'lasso' && current.path.length >= 3) {
          const t = transform();
          const polygon = current.path.map((point) => toMap(point, t));
          const all = latest.current.points;
          onLasso(pointsInPolygon(all, polygon).map((index) => all[index]));
          requestDraw();
        } else if (current?.kind === 'lasso' || (current?.kind === 'pan' && !current.moved)) {
          // A press without a drag picks the point under it, in lasso mode too.
          requestDraw();
          const index = hitTest(localPoint(event));
          if (index >= 0) onPick(latest.current.points[index]);
        }
      }}
      onPointerCancel={() => {
        drag.current = null;
        requestDraw();
      }}
      onPointerLeave={() => {
        if (!drag.current) setHover(-1);
      }}
      onDoubleClick={() => {
        view.current = HOME_VIEW;
        requestDraw();
      }}
    />
  );
}
