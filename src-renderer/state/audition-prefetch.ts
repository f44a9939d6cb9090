// Once the list's selection settles, its sample and the rows around it are decoded into the
// player's cache, so the next ↑/↓ (or a replay) plays from memory. Waiting for the selection to
// settle keeps a held arrow key from fetching every row it passes.
import type { SampleRecord } from '../../src-shared/sample.js';
import type { BrowseStore } from './browse-store.js';

export interface PrefetchOptions {
  settleMs: number;
  /** Rows on each side of the selection. */
  radius: number;
  /** Longer samples stay with the streaming element: decoding a long loop costs more than it saves. */
  maxDurationSec: number;
}

export const DEFAULT_PREFETCH: PrefetchOptions = { settleMs: 120, radius: 2, maxDurationSec: 30 };

/** The selection, then its neighbours nearest first, the next row before the previous (↓ is the usual way). */
export function neighbourIds(
  selectedIndex: number,
  rowAt: (index: number) => SampleRecord | undefined,
  options: Pick<PrefetchOptions, 'radius' | 'maxDurationSec'>,
): number[] {
  const order = [0];
  for (let step = 1; step <= options.radius; step++) order.push(step, -step);
  return order.flatMap((offset) => {
    const record = selectedIndex + offset >= 0 ? rowAt(selectedIndex + offset) : undefined;
    if (!record || record.error || (record.durationSec ?? 0) > options.maxDurationSec) return [];
    return [record.id];
  });
}

export function prefetchAroundSelection(
  browse: BrowseStore,
  player: { prefetch(ids: readonly number[]): void },
  options: PrefetchOptions = DEFAULT_PREFETCH,
): () => void {
  let timer = 0;
  const unsubscribe = browse.subscribe((state, previous) => {
    if (state.selectedIndex === previous.selectedIndex || state.selectedIndex === null) return;
    window.clearTimeout(timer);
    const index = state.selectedIndex;
    timer = window.setTimeout(() => player.prefetch(neighbourIds(index, browse.getState().rowAt, options)), options.settleMs);
  });
  return () => {
    window.clearTimeout(timer);
    unsubscribe();
  };
}
