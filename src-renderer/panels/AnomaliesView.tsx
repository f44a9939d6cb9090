// Samples the analysis flagged (silent, clipped, corrupt, odd one out...) with the reasons, so a
// producer can audition and fix or dismiss them. Dismissing tags the sample `dismissed-anomaly`.
import { useCallback, useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { SampleRecord } from '../../src-shared/sample.js';
import { useServices } from '../app/services.js';
import { formatDuration, formatPercent } from '../format.js';
import { VirtualList } from './VirtualList.js';

export const DISMISSED_ANOMALY_TAG = 'dismissed-anomaly';
/** Flagged samples are a small share of a library; one request holds them all. */
const MAX_FLAGGED = 10_000;
const ANOMALY_ROW_HEIGHT = 24;

export function AnomaliesView(): ReactNode {
  const { api, browse, player } = useServices();
  const [rows, setRows] = useState<readonly SampleRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selectedIndex, setSelectedIndex] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .listSamples({ flaggedOnly: true, limit: MAX_FLAGGED, sort: 'name' })
      .then((page) => {
        if (!cancelled) setRows(page.items.filter((record) => !record.tags.includes(DISMISSED_ANOMALY_TAG)));
      })
      .catch((failure: unknown) => {
        if (!cancelled) setError(failure instanceof Error ? failure.message : String(failure));
      });
    return () => {
      cancelled = true;
    };
  }, [api]);

  const onSelect = useCallback(
    (index: number) => {
      const record = rows?.[index];
      if (!record) return;
      setSelectedIndex(index);
      player.play(record.id);
      browse.getState().inspect(record);
    },
    [browse, player, rows],
  );

  const dismiss = useCallback(
    async (record: SampleRecord) => {
      const updated = await api.setTags(record.id, [...new Set([...record.tags, DISMISSED_ANOMALY_TAG])]);
      browse.getState().replaceRecord(updated);
      setRows((current) => current?.filter((row) => row.id !== record.id) ?? null);
      setSelectedIndex(null);
    },
    [api, browse],
  );

  // `d` dismisses the selected row, so a review is ↓ listen, d, ↓ listen... without the mouse.
  const onExtraKey = useCallback(
    (event: KeyboardEvent<HTMLDivElement>): boolean => {
      const record = selectedIndex === null ? undefined : rows?.[selectedIndex];
      if (event.key !== 'd' || !record || event.ctrlKey || event.metaKey || event.altKey) return false;
      void dismiss(record);
      return true;
    },
    [dismiss, rows, selectedIndex],
  );

  const renderRow = useCallback(
    (index: number) => {
      const record = rows?.[index];
      if (!record) return null;
      return (
        <>
          <span className="c-name" data-testid="anomaly-name" title={record.path}>{record.name}</span>
          <span className="c-reasons" data-testid="anomaly-reasons">
            {record.anomaly.reasons.map((reason) => <span key={reason} className="reason">{reason}</span>)}
          </span>
          <span className="c-score num">{record.anomaly.score === null ? '' : formatPercent(record.anomaly.score)}</span>
          <span className="c-dur num">{formatDuration(record.durationSec)}</span>
          <button
            type="button"
            className="c-dismiss"
            data-testid="anomaly-dismiss"
            onMouseDown={(event) => event.stopPropagation()}
            onClick={() => void dismiss(record)}
          >
            Dismiss
          </button>
        </>
      );
    },
    [dismiss, rows],
  );

  return (
    <section className="anomalies panel" data-testid="anomalies-view" aria-label="Anomalies">
      <div className="list-header anomaly-header" role="row">
        <span className="c-name">Name</span>
        <span className="c-reasons">Reasons</span>
        <span className="c-score num">Oddness</span>
        <span className="c-dur num">Length</span>
        <span className="c-dismiss" />
      </div>
      {error && <div className="error">{error}</div>}
      {rows && rows.length === 0 && <div className="empty" data-testid="anomalies-empty">Nothing flagged. Clean library.</div>}
      {rows && rows.length > 0 && (
        <VirtualList
          rowCount={rows.length}
          rowHeight={ANOMALY_ROW_HEIGHT}
          selectedIndex={selectedIndex}
          onSelect={onSelect}
          renderRow={renderRow}
          onExtraKey={onExtraKey}
          testId="anomaly-list"
          rowTestId="anomaly-row"
          ariaLabel="Flagged samples"
        />
      )}
      <div className="list-footer">{rows ? `${rows.length} flagged` : 'loading…'}</div>
    </section>
  );
}
