// What a lasso on the sound map caught, as a list with the main list's cells, and a "tag all"
// field. Records are fetched lazily for the rows on screen (a lasso may catch thousands);
// tagging fetches the rest, since setTags replaces a sample's tags and needs its current ones.
import { useCallback, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { SampleRecord } from '../../src-shared/sample.js';
import { useServices } from '../app/services.js';
import { SAMPLE_ROW_HEIGHT, SampleCells } from './SampleList.js';
import { VirtualList } from './VirtualList.js';

/** Requests in flight at once while tagging: quick for hundreds, gentle on the server for thousands. */
const TAG_BATCH = 8;

export function SoundMapSelection({ ids, onClear }: { ids: readonly number[]; onClear(): void }): ReactNode {
  const { api, browse, player } = useServices();
  // null: the sample is gone from the library since the map was laid out.
  const [records, setRecords] = useState<ReadonlyMap<number, SampleRecord | null>>(new Map());
  const requested = useRef(new Set<number>());
  const [selectedIndex, setSelectedIndex] = useState<number | null>(null);
  const [tagDraft, setTagDraft] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const store = useCallback((fetched: readonly (SampleRecord | null)[], forIds: readonly number[]) => {
    setRecords((current) => {
      const next = new Map(current);
      forIds.forEach((id, i) => next.set(id, fetched[i]));
      return next;
    });
  }, []);

  const onVisibleRange = useCallback(
    (first: number, last: number) => {
      const missing = ids.slice(first, last + 1).filter((id) => !requested.current.has(id));
      if (missing.length === 0) return;
      missing.forEach((id) => requested.current.add(id));
      void Promise.all(missing.map((id) => api.getSample(id).catch(() => null))).then((fetched) => store(fetched, missing));
    },
    [api, ids, store],
  );

  const onSelect = useCallback(
    (index: number) => {
      const id = ids[index];
      if (id === undefined) return;
      setSelectedIndex(index);
      player.play(id);
      const record = records.get(id);
      if (record) browse.getState().inspect(record);
    },
    [browse, ids, player, records],
  );

  const renderRow = useCallback(
    (index: number) => {
      const record = records.get(ids[index]);
      if (record) return <SampleCells record={record} />;
      return <span className="c-name loading-row">{record === null ? 'no longer in the library' : '…'}</span>;
    },
    [ids, records],
  );

  const tagAll = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const tag = tagDraft.trim().toLowerCase();
    if (!tag || busy) return;
    setBusy(true);
    let tagged = 0;
    try {
      for (let start = 0; start < ids.length; start += TAG_BATCH) {
        const batch = ids.slice(start, start + TAG_BATCH);
        const updated = await Promise.all(
          batch.map(async (id) => {
            const record = records.get(id) ?? (await api.getSample(id));
            if (!record) return null;
            return record.tags.includes(tag) ? record : api.setTags(id, [...record.tags, tag]);
          }),
        );
        for (const record of updated) {
          if (!record) continue;
          tagged++;
          browse.getState().replaceRecord(record);
        }
        store(updated, batch);
        setStatus(`tagging… ${Math.min(start + TAG_BATCH, ids.length)}/${ids.length}`);
      }
      setStatus(`tagged ${tagged} “${tag}”`);
      setTagDraft('');
    } catch (failure) {
      setStatus(`tagging stopped after ${tagged}: ${failure instanceof Error ? failure.message : String(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="map-selection" data-testid="map-selection" aria-label="Lasso selection">
      <div className="map-selection-head">
        <h2 data-testid="map-selection-count" data-count={ids.length}>
          {ids.length.toLocaleString('en')} selected
        </h2>
        <form className="map-tag" onSubmit={(event) => void tagAll(event)}>
          <input placeholder="tag all…" aria-label="Tag every selected sample" data-testid="map-tag-input" value={tagDraft} disabled={busy} onChange={(event) => setTagDraft(event.target.value)} />
          <button type="submit" data-testid="map-tag-button" disabled={busy || tagDraft.trim() === ''}>Tag all</button>
        </form>
        {status && <span className="muted" data-testid="map-tag-status">{status}</span>}
        <button type="button" className="map-clear" data-testid="map-selection-clear" onClick={onClear} title="Clear the selection (Esc)">Clear</button>
      </div>
      <VirtualList
        rowCount={ids.length}
        rowHeight={SAMPLE_ROW_HEIGHT}
        selectedIndex={selectedIndex}
        onSelect={onSelect}
        onVisibleRange={onVisibleRange}
        renderRow={renderRow}
        testId="map-selection-list"
        rowTestId="map-selection-row"
        ariaLabel="Selected samples"
      />
    </section>
  );
}
