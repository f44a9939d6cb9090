// Fixed-row-height windowing: only the rows in (or just around) the viewport are in the DOM, so a
// 100,000-row library scrolls like a 100-row one. Keyboard: ↑/↓, PageUp/PageDown, Home/End select.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';

/** Rows rendered beyond each edge of the viewport, so fast wheel scrolls never show a gap. */
const OVERSCAN_ROWS = 8;

export interface VirtualListProps {
  rowCount: number;
  rowHeight: number;
  selectedIndex: number | null;
  onSelect(index: number): void;
  renderRow(index: number): ReactNode;
  /** Told which rows are on screen (for paged loading). */
  onVisibleRange?(first: number, last: number): void;
  testId: string;
  rowTestId: string;
  ariaLabel: string;
  /** Extra keys a list handles (e.g. `f` favourite); return true when handled. */
  onExtraKey?(event: KeyboardEvent<HTMLDivElement>): boolean;
  /** When given, rows are draggable (Electron: drag the file out into a DAW). */
  onRowDragStart?(index: number, event: DragEvent<HTMLDivElement>): void;
}

export function VirtualList(props: VirtualListProps): ReactNode {
  const { rowCount, rowHeight, selectedIndex, onSelect, renderRow, onVisibleRange, onExtraKey, onRowDragStart } = props;
  const viewportRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);

  useLayoutEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const observer = new ResizeObserver(() => setViewportHeight(viewport.clientHeight));
    observer.observe(viewport);
    setViewportHeight(viewport.clientHeight);
    return () => observer.disconnect();
  }, []);

  const visibleRows = Math.ceil(viewportHeight / rowHeight);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN_ROWS);
  const last = Math.min(rowCount - 1, Math.floor(scrollTop / rowHeight) + visibleRows + OVERSCAN_ROWS);

  useEffect(() => {
    if (rowCount > 0) onVisibleRange?.(first, last);
  }, [first, last, rowCount, onVisibleRange]);

  // Keep the selection on screen when it moves by keyboard (or from elsewhere).
  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport || selectedIndex === null) return;
    const top = selectedIndex * rowHeight;
    if (top < viewport.scrollTop) viewport.scrollTop = top;
    else if (top + rowHeight > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = top + rowHeight - viewport.clientHeight;
  }, [selectedIndex, rowHeight]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (onExtraKey?.(event)) {
        event.preventDefault();
        return;
      }
      const current = selectedIndex ?? -1;
      const page = Math.max(1, visibleRows - 1);
      const targets: Record<string, number> = {
        ArrowDown: current + 1,
        ArrowUp: Math.max(current - 1, 0),
        PageDown: current + page,
        PageUp: Math.max(current - page, 0),
        Home: 0,
        End: rowCount - 1,
      };
      const target = targets[event.key];
      if (target === undefined || rowCount === 0) return;
      event.preventDefault();
      onSelect(Math.min(target, rowCount - 1));
    },
    [onExtraKey, onSelect, rowCount, selectedIndex, visibleRows],
  );

  const rows: ReactNode[] = [];
  for (let index = first; index <= last; index++) {
    rows.push(
      <div
        key={index}
        role="row"
        aria-selected={index === selectedIndex}
        className={index === selectedIndex ? 'vrow selected' : 'vrow'}
        data-testid={props.rowTestId}
        data-index={index}
        style={{ top: index * rowHeight, height: rowHeight }}
        onMouseDown={() => onSelect(index)}
        draggable={onRowDragStart !== undefined}
        onDragStart={onRowDragStart && ((event) => onRowDragStart(index, event))}
      >
        {renderRow(index)}
      </div>,
    );
  }

  return (
    <div
      ref={viewportRef}
      className="vlist"
      role="grid"
      aria-label={props.ariaLabel}
      aria-rowcount={rowCount}
      tabIndex={0}
      data-testid={props.testId}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div className="vlist-spacer" style={{ height: rowCount * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
