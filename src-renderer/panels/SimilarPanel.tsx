// Ranked "sounds like" results for the selected sample or for an audio file dropped from the
// desktop. Each row auditions on select like the main list and opens in the detail panel.
import { useCallback, useState, type DragEvent, type ReactNode } from 'react';
import { useServices, useSlice } from '../app/services.js';
import { LabelValue } from './LabelValue.js';
import { VirtualList } from './VirtualList.js';

const SIMILAR_ROW_HEIGHT = 22;

function DropZone(): ReactNode {
  const { similar } = useServices();
  const [over, setOver] = useState(false);
  const accept = (event: DragEvent<HTMLElement>): void => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  return (
    <label
      className={over ? 'drop-zone over' : 'drop-zone'}
      data-testid="similar-drop-zone"
      onDragEnter={accept}
      onDragOver={accept}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file) void similar.getState().similarToFile(file);
      }}
    >
      Drop an audio file here to find similar sounds (or click to choose)
      <input
        type="file"
        accept="audio/*,.wav,.aif,.aiff,.flac,.mp3,.ogg"
        hidden
        data-testid="similar-file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void similar.getState().similarToFile(file);
          event.target.value = '';
        }}
      />
    </label>
  );
}

export function SimilarPanel(): ReactNode {
  const { similar, player, browse } = useServices();
  const source = useSlice(similar, (state) => state.source);
  const hits = useSlice(similar, (state) => state.hits);
  const loading = useSlice(similar, (state) => state.loading);
  const error = useSlice(similar, (state) => state.error);
  const selectedIndex = useSlice(similar, (state) => state.selectedIndex);

  const onSelect = useCallback(
    (index: number) => {
      const hit = similar.getState().select(index);
      if (!hit) return;
      player.play(hit.sample.id);
      browse.getState().inspect(hit.sample);
    },
    [browse, player, similar],
  );

  const renderRow = useCallback(
    (index: number) => {
      const hit = hits[index];
      // Distance is cosine (0..2); shown as a similarity bar so "more alike" reads as "longer".
      const similarity = Math.max(0, 1 - hit.distance);
      return (
        <>
          <span className="c-rank num" data-testid="similar-rank">{index + 1}</span>
          <span className="c-name" data-testid="similar-name" title={hit.sample.path}>{hit.sample.name}</span>
          <LabelValue prediction={hit.sample.category} className="c-cat" />
          <span className="c-sim" data-testid="similar-distance" data-distance={hit.distance} title={`distance ${hit.distance.toFixed(3)}`}>
            <span className="sim-bar" style={{ width: `${similarity * 100}%` }} />
          </span>
        </>
      );
    },
    [hits],
  );

  return (
    <section className="similar panel" data-testid="similar-panel" aria-label="Similar sounds">
      <h2>
        Similar {source ? <>to <em data-testid="similar-source">{source.name}</em></> : ''}
        {loading && <span className="muted"> searching…</span>}
      </h2>
      <DropZone />
      {error && <div className="error" data-testid="similar-error">{error}</div>}
      {hits.length > 0 && (
        <VirtualList
          rowCount={hits.length}
          rowHeight={SIMILAR_ROW_HEIGHT}
          selectedIndex={selectedIndex}
          onSelect={onSelect}
          renderRow={renderRow}
          testId="similar-list"
          rowTestId="similar-row"
          ariaLabel="Similar sounds"
        />
      )}
    </section>
  );
}
