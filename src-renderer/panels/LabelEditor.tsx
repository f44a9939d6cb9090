// Correcting what the models guessed: a category from the taxonomy and a genre (an existing one or
// a new lower-case name), or handing either back to the model. A correction changes the sidebar
// counts, and a genre correction retrains the library's genre model on the server, so other rows'
// predicted genres may change: the counts and the loaded rows are fetched again after each one.
// Where the file's name (or folder) names another category than the label shows, one click takes
// the name's word for it: the two signals stay separate until the producer joins them.
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { NameCategory } from '../../src-shared/category-words.js';
import type { Category } from '../../src-shared/taxonomy.js';
import { CATEGORIES, UNKNOWN_GENRE, isCategory } from '../../src-shared/taxonomy.js';
import type { SampleRecord } from '../../src-shared/sample.js';
import { useServices, useSlice } from '../app/services.js';
import { formatNameSource } from '../format.js';
import { LabelValue } from './LabelValue.js';

/** The server's rule for genre names (LibraryService.setGenre), checked here to explain it before a round trip. */
const GENRE_PATTERN = /^[a-z0-9_]{2,40}$/;
/** Select value meaning "hand the label back to the model" (null in the API); not a taxonomy name. */
const MODEL_DECIDES = '__model__';

/** "Deep House" and "deep-house" both mean deep_house: forgive case and separators, then validate. */
function normaliseGenre(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function isValidGenre(genre: string): boolean {
  return GENRE_PATTERN.test(genre);
}

/** `named`: the category the sample's file or folder name says (categoryFromPath), if any. */
export function LabelEditor({ record, named }: { record: SampleRecord; named: NameCategory | null }): ReactNode {
  const { api, browse } = useServices();
  const genreCounts = useSlice(browse, (state) => state.stats?.genres);
  const [genreDraft, setGenreDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const knownGenres = useMemo(
    () => Object.keys(genreCounts ?? {}).filter((genre) => genre !== UNKNOWN_GENRE).sort(),
    [genreCounts],
  );

  const correct = async (change: () => Promise<SampleRecord>): Promise<boolean> => {
    setBusy(true);
    try {
      browse.getState().replaceRecord(await change());
      setError(null);
      await Promise.all([browse.getState().refreshStats(), browse.getState().refreshRows()]);
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const onCategory = (value: string): void => {
    if (value === MODEL_DECIDES) void correct(() => api.setCategory(record.id, null));
    else if (isCategory(value)) void correct(() => api.setCategory(record.id, value as Category));
  };

  const onGenre = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const genre = normaliseGenre(genreDraft);
    if (!isValidGenre(genre)) {
      setError('Genre: 2–40 lower-case letters, digits or _, like deep_house');
      return;
    }
    if (await correct(() => api.setGenre(record.id, genre))) setGenreDraft('');
  };

  const categoryIsYours = record.category?.source === 'user';
  const nameDisagrees = named !== null && named.category !== record.category?.value;
  return (
    <div className="label-editor" data-testid="label-editor" aria-busy={busy}>
      <div className="label-field">
        <span className="label-name">Category</span>
        <LabelValue prediction={record.category} className="label-current" testId="detail-category" long />
        <select
          aria-label="Correct the category"
          data-testid="category-select"
          disabled={busy}
          value={categoryIsYours ? record.category?.value : ''}
          onChange={(event) => onCategory(event.target.value)}
        >
          {!categoryIsYours && <option value="">correct…</option>}
          {CATEGORIES.map((category) => <option key={category} value={category}>{category}</option>)}
          <option value={MODEL_DECIDES}>let the model decide</option>
        </select>
        {nameDisagrees && (
          <button
            type="button"
            data-testid="category-from-name"
            disabled={busy}
            title={`The ${formatNameSource(named)} says ${named.category}: make that this sample's category`}
            onClick={() => void correct(() => api.setCategory(record.id, named.category))}
          >
            use “{named.category}”
          </button>
        )}
      </div>
      <form className="label-field" onSubmit={(event) => void onGenre(event)}>
        <span className="label-name">Genre</span>
        <LabelValue prediction={record.genre} className="label-current" testId="detail-genre" long />
        <span className="label-controls">
          <input
            list="known-genres"
            placeholder="set genre…"
            aria-label="Set the genre"
            data-testid="genre-input"
            disabled={busy}
            value={genreDraft}
            onChange={(event) => setGenreDraft(event.target.value)}
          />
          <datalist id="known-genres">
            {knownGenres.map((genre) => <option key={genre} value={genre} />)}
          </datalist>
          <button type="submit" data-testid="genre-set" disabled={busy || genreDraft.trim() === ''}>Set</button>
          {record.genre?.source === 'user' && (
            <button type="button" data-testid="genre-reset" title="Let the model decide" disabled={busy} onClick={() => void correct(() => api.setGenre(record.id, null))}>
              ↺
            </button>
          )}
        </span>
      </form>
      {error && <div className="error" data-testid="label-error">{error}</div>}
    </div>
  );
}
