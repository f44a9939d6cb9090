// The centre of the app: every sample matching the filters, windowed and paged. Selecting a row
// (click, ↑/↓) auditions it at once; `f` toggles favourite, `s` finds similar sounds.
import { useCallback, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { SampleQuery } from '../../src-shared/api.js';
import type { SampleRecord } from '../../src-shared/sample.js';
import { useServices, useSlice } from '../app/services.js';
import { formatBpm, formatDuration } from '../format.js';
import { LabelValue } from './LabelValue.js';
import { VirtualList } from './VirtualList.js';
import { WaveThumb } from './WaveThumb.js';

export const SAMPLE_ROW_HEIGHT = 22;

type SortKey = NonNullable<SampleQuery['sort']>;

const COLUMNS: { label: string; sort?: SortKey; className: string }[] = [
  { label: '★', className: 'c-fav' },
  { label: '', className: 'c-wave' },
  { label: 'Name', sort: 'name', className: 'c-name' },
  { label: 'Category', sort: 'category', className: 'c-cat' },
  { label: 'Kind', className: 'c-kind' },
  { label: 'Genre', className: 'c-genre' },
  { label: 'BPM', sort: 'bpm', className: 'c-bpm num' },
  { label: 'Key', className: 'c-key' },
  { label: 'Note', className: 'c-note' },
  { label: 'Length', sort: 'duration', className: 'c-dur num' },
];

export function SampleCells({ record }: { record: SampleRecord }): ReactNode {
  const category = record.category;
  const genre = record.genre;
  return (
    <>
      <span className="c-fav" data-testid="row-favourite">{record.favourite ? '★' : ''}</span>
      {record.error ? <span className="c-wave" /> : <WaveThumb sampleId={record.id} />}
      <span className="c-name" title={record.path}>
        {record.anomaly.flagged && <span className="flag" title={record.anomaly.reasons.join(', ')}>!</span>}
        <span data-testid="row-name">{record.name}</span>
      </span>
      <LabelValue prediction={category} className="c-cat" testId="row-category" />
      <span className="c-kind" data-testid="row-kind">{record.kind ?? ''}</span>
      <LabelValue prediction={genre} className="c-genre" testId="row-genre" />
      <span className="c-bpm num">{formatBpm(record.bpm)}</span>
      <span className="c-key">{record.key ?? ''}</span>
      <span className="c-note">{record.note ?? ''}</span>
      <span className="c-dur num">{formatDuration(record.durationSec)}</span>
    </>
  );
}

export function SampleList(): ReactNode {
  const services = useServices();
  const { browse, player, similar, api, desktop } = services;
  const total = useSlice(browse, (state) => state.total);
  // Subscribing to `pages` re-renders the window when a page arrives.
  useSlice(browse, (state) => state.pages);
  const selectedIndex = useSlice(browse, (state) => state.selectedIndex);
  const sort = useSlice(browse, (state) => state.filters.sort ?? 'name');
  const loading = useSlice(browse, (state) => state.loading);
  const error = useSlice(browse, (state) => state.error);
  const indexing = useSlice(services.indexing, (state) => state.running);

  const onSelect = useCallback(
    (index: number) => {
      // Sound first: a loaded row auditions now, before the new selection re-renders the panels
      // (tens of milliseconds that would otherwise sit between the key and the sound).
      const loaded = browse.getState().rowAt(index);
      if (loaded) player.play(loaded.id);
      void browse.getState().select(index).then((record) => {
        if (record && record.id !== loaded?.id) player.play(record.id);
      });
    },
    [browse, player],
  );
  const onVisibleRange = useCallback((first: number, last: number) => browse.getState().ensureRows(first, last), [browse]);

  const onExtraKey = useCallback(
    (event: KeyboardEvent<HTMLDivElement>): boolean => {
      const record = browse.getState().selected;
      if (!record || event.ctrlKey || event.metaKey || event.altKey) return false;
      if (event.key === 'f') {
        void api.setFavourite(record.id, !record.favourite).then((updated) => browse.getState().replaceRecord(updated));
        return true;
      }
      if (event.key === 's') {
        void similar.getState().similarToSample(record);
        return true;
      }
      return false;
    },
    [api, browse, similar],
  );

  const onRowDragStart = useCallback(
    (index: number, event: DragEvent<HTMLDivElement>) => {
      const record = browse.getState().rowAt(index);
      if (!record || !desktop) return;
      // The OS drag must start while the button is down; Electron's startDrag replaces the HTML one.
      event.preventDefault();
      desktop.startDrag(record.id);
    },
    [browse, desktop],
  );

  const renderRow = useCallback(
    (index: number) => {
      const record = browse.getState().rowAt(index);
      return record ? <SampleCells record={record} /> : <span className="c-name loading-row">…</span>;
    },
    [browse],
  );

  return (
    <section className="sample-list panel" aria-label="Samples">
      <div className="list-header" role="row">
        {COLUMNS.map((column) => (
          <span
            key={column.label}
            className={`${column.className}${column.sort ? ' sortable' : ''}${column.sort === sort ? ' sorted' : ''}`}
            onClick={column.sort ? () => browse.getState().setFilters({ sort: column.sort }) : undefined}
          >
            {column.label}
          </span>
        ))}
      </div>
      {total === 0 && !loading ? (
        <div className="empty" data-testid="sample-list-empty">
          {error ?? (indexing ? 'Indexing… samples appear here when the run finishes.' : (
            <>
              {desktop ? 'No samples match. Drop sample folders anywhere on this window, add them (top right), or clear the filters.' : 'No samples match. Add a folder (top right) or clear the filters.'}
              {!desktop && <div className="muted" data-testid="folder-drop-hint">Dropping folders onto the window works in the desktop app.</div>}
            </>
          ))}
        </div>
      ) : (
        <VirtualList
          rowCount={total}
          rowHeight={SAMPLE_ROW_HEIGHT}
          selectedIndex={selectedIndex}
          onSelect={onSelect}
          onVisibleRange={onVisibleRange}
          renderRow={renderRow}
          onExtraKey={onExtraKey}
          onRowDragStart={desktop ? onRowDragStart : undefined}
          testId="sample-list"
          rowTestId="sample-row"
          ariaLabel="Samples"
        />
      )}
      <div className="list-footer" data-testid="sample-count">
        {total.toLocaleString('en')} {total === 1 ? 'sample' : 'samples'}
      </div>
    </section>
  );
}
