// The selected sample: waveform, what analysis found (labels correctable), anomaly reasons, tags, favourite, path.
import { useState, type ReactNode } from 'react';
import { categoryFromPath, type NameCategory } from '../../src-shared/category-words.js';
import type { SampleRecord } from '../../src-shared/sample.js';
import { useServices, useSlice } from '../app/services.js';
import { formatBpm, formatBytes, formatDuration, formatNameSource, formatPercent } from '../format.js';
import { LabelEditor } from './LabelEditor.js';
import { TagsEditor } from './TagsEditor.js';
import { WaveformView } from './WaveformView.js';

/** `named`: the category the file's name (or its folder's) spells out, beside the audio model's label above. */
function Facts({ record, named }: { record: SampleRecord; named: NameCategory | null }): ReactNode {
  const format = record.format;
  const rows: [string, string][] = [
    ['Name says', named ? `${named.category} (${formatNameSource(named)})` : '–'],
    ['Kind', record.kind ?? '–'],
    ['BPM', formatBpm(record.bpm) || '–'],
    ['Key', record.key ?? '–'],
    ['Note', record.note ?? '–'],
    ['Length', formatDuration(record.durationSec) || '–'],
    ['Format', format ? `${format.container}${format.codec !== format.container ? ` ${format.codec}` : ''} · ${format.sampleRate / 1000} kHz · ${format.channels === 1 ? 'mono' : format.channels === 2 ? 'stereo' : `${format.channels} ch`}${format.bitDepth ? ` · ${format.bitDepth}-bit` : ''}` : '–'],
    ['Size', formatBytes(record.sizeBytes)],
    ['Oddness', record.anomaly.score === null ? '–' : formatPercent(record.anomaly.score)],
  ];
  return (
    <dl className="facts" data-testid="sample-facts">
      {rows.map(([label, value]) => (
        <div key={label} className={label === 'Format' ? 'wide' : undefined}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function DetailPanel(): ReactNode {
  const { api, browse, similar, desktop } = useServices();
  const record = useSlice(browse, (state) => state.selected);
  const [copied, setCopied] = useState(false);

  if (!record) {
    return (
      <section className="detail panel" data-testid="detail-panel">
        <div className="empty">Select a sample (↑/↓ to audition, space to stop, f favourite, s similar).</div>
      </section>
    );
  }

  const named = categoryFromPath(record.path);
  const toggleFavourite = async (): Promise<void> => {
    browse.getState().replaceRecord(await api.setFavourite(record.id, !record.favourite));
  };
  const copyPath = async (): Promise<void> => {
    await (desktop ? desktop.copyPath(record.id) : navigator.clipboard.writeText(record.path)).catch(() => undefined);
    setCopied(true);
    window.setTimeout(() => setCopied(false), 1200);
  };

  return (
    <section className="detail panel" data-testid="detail-panel" data-sample-id={record.id}>
      <div className="detail-head">
        <button
          type="button"
          className={record.favourite ? 'fav on' : 'fav'}
          aria-pressed={record.favourite}
          aria-label="Favourite"
          data-testid="favourite-toggle"
          onClick={() => void toggleFavourite()}
        >
          {record.favourite ? '★' : '☆'}
        </button>
        <h1 data-testid="detail-name" title={record.name}>{record.name}</h1>
        <button type="button" data-testid="find-similar" onClick={() => void similar.getState().similarToSample(record)}>Find similar</button>
      </div>
      <div className="detail-path">
        {/* Right-to-left so a long path elides its start, not the file name; the marks keep the slashes in place. */}
        <code title={record.path}>{`\u200e${record.path}\u200e`}</code>
        <button type="button" data-testid="copy-path" onClick={() => void copyPath()}>{copied ? 'Copied' : 'Copy path'}</button>
        {desktop && <button type="button" data-testid="reveal" onClick={() => void desktop.revealInFolder(record.id)}>Reveal</button>}
      </div>
      <WaveformView sampleId={record.id} durationSec={record.durationSec ?? record.format?.durationSec ?? 0} />
      {record.error && <div className="error" data-testid="sample-error">Could not analyse: {record.error}</div>}
      {record.anomaly.flagged && (
        <div className="anomaly-reasons" data-testid="detail-anomaly">
          Flagged: {record.anomaly.reasons.map((reason) => <span key={reason} className="reason">{reason}</span>)}
        </div>
      )}
      {/* Keyed by sample: a half-typed genre must not carry over to the next sample. */}
      <LabelEditor key={record.id} record={record} named={named} />
      <Facts record={record} named={named} />
      <TagsEditor record={record} />
    </section>
  );
}
