// Search and filters (text, kind, BPM range, key) plus "Add folders" with its progress bar.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { KINDS } from '../../src-shared/taxonomy.js';
import { PITCH_CLASSES } from '../../src-shared/music.js';
import { useServices, useSlice } from '../app/services.js';
import type { SampleFilters } from '../state/browse-store.js';
import { AddFolders } from './AddFolders.js';

/** Typing pauses this long before the query runs: one request per word, not per keystroke. */
const SEARCH_DEBOUNCE_MS = 150;

const KEYS = PITCH_CLASSES.flatMap((pitch) => [`${pitch} major`, `${pitch} minor`]);

function parseBpm(text: string): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function SearchBox(): ReactNode {
  const { browse, view } = useServices();
  const [text, setText] = useState(browse.getState().filters.text ?? '');
  const inputRef = useRef<HTMLInputElement>(null);
  const filterText = useSlice(browse, (state) => state.filters.text ?? '');

  // "All samples" (or anything else) may clear the text filter: show what is really applied.
  useEffect(() => {
    setText((current) => (current.trim() === filterText ? current : filterText));
  }, [filterText]);

  useEffect(() => {
    const timer = window.setTimeout(() => {
      const current = browse.getState().filters.text ?? '';
      if (current !== text.trim()) browse.getState().setFilters({ text: text.trim() || undefined });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [browse, text]);

  // `/` or Ctrl+F jumps to the search box from anywhere (keyboard-first, like a DAW browser).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement;
      if ((event.key === '/' && !typing) || (event.key === 'f' && (event.ctrlKey || event.metaKey))) {
        event.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <input
      ref={inputRef}
      className="search"
      type="search"
      placeholder="Search names, paths, tags  ( / )"
      value={text}
      data-testid="search-input"
      onChange={(event) => {
        view.setState({ view: 'browse' });
        setText(event.target.value);
      }}
      onKeyDown={(event) => {
        // ↓ from the search box moves into the results, so search → audition needs no mouse.
        if (event.key === 'ArrowDown' || event.key === 'Enter') {
          event.preventDefault();
          document.querySelector<HTMLElement>('[data-testid="sample-list"]')?.focus();
        }
      }}
    />
  );
}

function Filters(): ReactNode {
  const { browse } = useServices();
  const filters = useSlice(browse, (state) => state.filters);
  const set = (patch: Partial<SampleFilters>): void => browse.getState().setFilters(patch);
  return (
    <div className="filters">
      <select aria-label="Kind" data-testid="filter-kind" value={filters.kind ?? ''} onChange={(event) => set({ kind: (event.target.value || undefined) as SampleFilters['kind'] })}>
        <option value="">any kind</option>
        {KINDS.map((kind) => <option key={kind} value={kind}>{kind}</option>)}
      </select>
      <label className="bpm">
        BPM
        <input aria-label="BPM from" data-testid="filter-bpm-min" inputMode="numeric" placeholder="min" defaultValue={filters.bpmMin ?? ''} onChange={(event) => set({ bpmMin: parseBpm(event.target.value) })} />
        –
        <input aria-label="BPM to" data-testid="filter-bpm-max" inputMode="numeric" placeholder="max" defaultValue={filters.bpmMax ?? ''} onChange={(event) => set({ bpmMax: parseBpm(event.target.value) })} />
      </label>
      <select aria-label="Key" data-testid="filter-key" value={filters.key ?? ''} onChange={(event) => set({ key: event.target.value || undefined })}>
        <option value="">any key</option>
        {KEYS.map((key) => <option key={key} value={key}>{key}</option>)}
      </select>
    </div>
  );
}

export function TopBar(): ReactNode {
  return (
    <header className="topbar panel">
      <span className="brand">Sampledex</span>
      <SearchBox />
      <Filters />
      <AddFolders />
    </header>
  );
}
