// The library laid out by sound (soundMap(): UMAP of the embeddings), as in XO and Atlas: hover
// auditions through the one player (debounced, so a sweep plays a trail of sounds rather than a
// burst of cut-offs), a click opens the sample in the detail panel, a lasso selects a region to
// list and tag in one go. Escape clears the selection; `l` toggles lasso mode.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SoundMapPoint } from '../../src-shared/api.js';
import { CATEGORIES, type Category } from '../../src-shared/taxonomy.js';
import { useServices, useSlice } from '../app/services.js';
import { categoryColour } from './category-colours.js';
import { SoundMapCanvas } from './SoundMapCanvas.js';
import { SoundMapSelection } from './SoundMapSelection.js';

/** Hover rests this long on a point before it plays: sweeping still plays each sound passed over. */
const HOVER_AUDITION_MS = 80;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

function Legend({ points, onHighlight }: { points: readonly SoundMapPoint[]; onHighlight(category: Category | null | undefined): void }): ReactNode {
  const counts = useMemo(() => {
    const byCategory = new Map<Category | null, number>();
    for (const point of points) byCategory.set(point.category, (byCategory.get(point.category) ?? 0) + 1);
    // Taxonomy order (reads like a drum rack, as the sidebar), unlabelled last.
    return [...CATEGORIES, null].filter((category) => byCategory.has(category)).map((category) => [category, byCategory.get(category) ?? 0] as const);
  }, [points]);
  return (
    <ul className="map-legend" data-testid="map-legend" onMouseLeave={() => onHighlight(undefined)}>
      {counts.map(([category, count]) => (
        <li key={category ?? 'none'} data-testid="map-legend-item" data-category={category ?? ''} onMouseEnter={() => onHighlight(category)}>
          <span className="swatch" style={{ background: categoryColour(category) }} />
          <span className="legend-label">{category ?? 'unlabelled'}</span>
          <span className="facet-count">{count}</span>
        </li>
      ))}
    </ul>
  );
}

export function SoundMapView(): ReactNode {
  const { api, player, browse, indexing } = useServices();
  const [points, setPoints] = useState<readonly SoundMapPoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selection, setSelection] = useState<readonly SoundMapPoint[]>([]);
  // Each lasso is a new list: keying the selection panel by it resets its fetched rows and scroll.
  const [lassoCount, setLassoCount] = useState(0);
  const [lassoMode, setLassoMode] = useState(false);
  const [highlight, setHighlight] = useState<Category | null | undefined>(undefined);
  const focused = useSlice(browse, (state) => state.selected);
  const indexed = useSlice(indexing, (state) => state.summary);
  const hoverTimer = useRef(0);

  // Laid out again after an indexing run (new sounds); the server caches the layout otherwise.
  useEffect(() => {
    let cancelled = false;
    api
      .soundMap()
      .then((answer) => {
        if (!cancelled) setPoints(answer);
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(failure instanceof Error ? failure.message : String(failure));
      });
    return () => {
      cancelled = true;
    };
  }, [api, indexed]);

  // A category corrected in the detail panel recolours its point at once: the server keeps the
  // map's labels with its cached layout, which only a new indexing run replaces.
  useEffect(() => {
    if (!focused) return;
    const category = focused.category?.value ?? null;
    setPoints((current) => {
      const at = current?.findIndex((point) => point.id === focused.id) ?? -1;
      if (!current || at < 0 || current[at].category === category) return current;
      return current.map((point, i) => (i === at ? { ...point, category } : point));
    });
  }, [focused]);

  const clearSelection = useCallback(() => setSelection([]), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Escape') {
        setSelection([]);
        setLassoMode(false);
      } else if (event.key === 'l') {
        setLassoMode((on) => !on);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.clearTimeout(hoverTimer.current);
    };
  }, []);

  const onHover = useCallback(
    (point: SoundMapPoint | null) => {
      window.clearTimeout(hoverTimer.current);
      if (point) hoverTimer.current = window.setTimeout(() => player.play(point.id), HOVER_AUDITION_MS);
    },
    [player],
  );

  const onPick = useCallback(
    (point: SoundMapPoint) => {
      window.clearTimeout(hoverTimer.current);
      player.play(point.id);
      api
        .getSample(point.id)
        .then((record) => {
          if (record) browse.getState().inspect(record);
        })
        .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
    },
    [api, browse, player],
  );

  const onLasso = useCallback((caught: SoundMapPoint[]) => {
    setSelection(caught);
    setLassoCount((count) => count + 1);
  }, []);

  const selectedIds = useMemo(() => new Set(selection.map((point) => point.id)), [selection]);
  const selectionIds = useMemo(() => selection.map((point) => point.id), [selection]);

  return (
    <section className="sound-map panel" data-testid="sound-map-view" aria-label="Sound map">
      <div className="map-toolbar">
        <span data-testid="map-point-count">{points ? `${points.length.toLocaleString('en')} sounds` : 'laying out…'}</span>
        <button type="button" data-testid="map-lasso-toggle" aria-pressed={lassoMode} className={lassoMode ? 'on' : undefined} onClick={() => setLassoMode((on) => !on)}>
          Lasso (l)
        </button>
        <span className="muted map-hints">hover to audition · click opens · drag pans · wheel zooms · shift-drag lassos · double-click resets · esc clears</span>
      </div>
      {error && <div className="error" data-testid="map-error">{error}</div>}
      <div className="map-stage">
        {points && points.length === 0 && <div className="empty" data-testid="map-empty">Nothing to map yet: add a folder (top right).</div>}
        {points && points.length > 0 && (
          <>
            {/* Absolutely placed in its own box: a canvas's backing-store size must never feed back into layout. */}
            <div className="map-surface">
              <SoundMapCanvas
                points={points}
                selectedIds={selectedIds}
                focusedId={focused?.id ?? null}
                highlightCategory={highlight}
                lassoMode={lassoMode}
                onHover={onHover}
                onPick={onPick}
                onLasso={onLasso}
              />
            </div>
            <Legend points={points} onHighlight={setHighlight} />
          </>
        )}
      </div>
      {selection.length > 0 && <SoundMapSelection key={lassoCount} ids={selectionIds} onClear={clearSelection} />}
    </section>
  );
}
