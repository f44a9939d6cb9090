// Left column: library views (all, favourites, sound map, anomalies) and facet counts from stats().
// Clicking a facet toggles that one filter and keeps the others (search text, BPM...).
import type { ReactNode } from 'react';
import { CATEGORIES, KINDS, isCategory, isKind } from '../../src-shared/taxonomy.js';
import { useServices, useSlice } from '../app/services.js';
import type { SampleFilters } from '../state/browse-store.js';

interface FacetItemProps {
  label: string;
  /** Omitted where stats() has no count (favourites). */
  count?: number;
  active: boolean;
  testId: string;
  onClick(): void;
  hint?: string;
}

function FacetItem({ label, count, active, testId, onClick, hint }: FacetItemProps): ReactNode {
  return (
    <li>
      <button type="button" className={active ? 'facet active' : 'facet'} data-testid={testId} data-facet={label} title={hint} onClick={onClick}>
        <span className="facet-label">{label}</span>
        {count !== undefined && <span className="facet-count" data-testid="facet-count">{count.toLocaleString('en')}</span>}
      </button>
    </li>
  );
}

/** Largest first, so the useful facets are at the top of a long genre list. */
function byCount(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts).filter(([, count]) => count > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function Sidebar(): ReactNode {
  const { browse, view } = useServices();
  const stats = useSlice(browse, (state) => state.stats);
  const filters = useSlice(browse, (state) => state.filters);
  const currentView = useSlice(view, (state) => state.view);

  const showBrowse = (patch: Partial<SampleFilters>, replace = false): void => {
    view.setState({ view: 'browse' });
    browse.getState().setFilters(patch, replace);
  };
  const toggle = <K extends keyof SampleFilters>(key: K, value: SampleFilters[K]): void =>
    showBrowse({ [key]: filters[key] === value ? undefined : value } as Partial<SampleFilters>);

  const categories = stats ? byCount(stats.categories).filter(([name]) => isCategory(name)) : [];
  // Taxonomy order for categories reads like a drum rack; fall back to counts for the rest.
  categories.sort((a, b) => CATEGORIES.indexOf(a[0] as (typeof CATEGORIES)[number]) - CATEGORIES.indexOf(b[0] as (typeof CATEGORIES)[number]));
  const kinds = stats ? byCount(stats.kinds).filter(([name]) => isKind(name)) : [];
  kinds.sort((a, b) => KINDS.indexOf(a[0] as (typeof KINDS)[number]) - KINDS.indexOf(b[0] as (typeof KINDS)[number]));
  const genres = stats ? byCount(stats.genres) : [];
  const browsingAll = currentView === 'browse' && !filters.category && !filters.genre && !filters.kind && !filters.favouritesOnly && !filters.failedOnly;

  return (
    <nav className="sidebar panel" aria-label="Library" data-testid="sidebar">
      <h2>Library</h2>
      <ul>
        <FacetItem label="All samples" count={stats?.total_samples ?? 0} active={browsingAll} testId="view-all" onClick={() => showBrowse({}, true)} />
        <FacetItem label="Favourites" active={currentView === 'browse' && !!filters.favouritesOnly} testId="view-favourites" onClick={() => toggle('favouritesOnly', true)} />
        <FacetItem label="Sound map" active={currentView === 'map'} testId="view-map" onClick={() => view.setState({ view: 'map' })} hint="Every sound laid out by similarity; hover to audition" />
        <FacetItem label="Anomalies" count={stats?.flagged ?? 0} active={currentView === 'anomalies'} testId="view-anomalies" onClick={() => view.setState({ view: 'anomalies' })} />
        {stats && stats.failed > 0 && (
          <FacetItem label="Failed" count={stats.failed} active={currentView === 'browse' && !!filters.failedOnly} testId="view-failed" onClick={() => toggle('failedOnly', true)} />
        )}
      </ul>
      <h2>Categories</h2>
      <ul data-testid="category-facets">
        {categories.map(([name, count]) => (
          <FacetItem key={name} label={name} count={count} active={filters.category === name} testId="category-facet" onClick={() => toggle('category', name as SampleFilters['category'])} />
        ))}
      </ul>
      <h2>Kinds</h2>
      <ul data-testid="kind-facets">
        {kinds.map(([name, count]) => (
          <FacetItem key={name} label={name} count={count} active={filters.kind === name} testId="kind-facet" onClick={() => toggle('kind', name as SampleFilters['kind'])} />
        ))}
      </ul>
      <h2 title="Genres are predicted from the audio unless you or the folder names set them">Genres <small>(predicted)</small></h2>
      <ul data-testid="genre-facets">
        {genres.map(([name, count]) => (
          <FacetItem key={name} label={name} count={count} active={filters.genre === name} testId="genre-facet" onClick={() => toggle('genre', name)} hint="predicted from audio; confidence per sample in the list" />
        ))}
      </ul>
    </nav>
  );
}
