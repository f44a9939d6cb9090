// Peak envelopes for the list's thumbnails: fetched once per sample, deduplicated while in flight,
// and bounded (least recently used out) so scrolling a huge library does not grow memory forever.
import type { LibraryApi } from '../../src-shared/api.js';

export class WaveformCache {
  private readonly peaks = new Map<number, number[]>();
  private readonly pending = new Map<number, Promise<number[]>>();

  constructor(
    private readonly api: LibraryApi,
    private readonly capacity = 2000,
  ) {}

  get(id: number): number[] | undefined {
    const hit = this.peaks.get(id);
    if (hit) {
      // Re-insert: Map keeps insertion order, so the first key is always the least recently used.
      this.peaks.delete(id);
      this.peaks.set(id, hit);
    }
    return hit;
  }

  load(id: number): Promise<number[]> {
    const cached = this.get(id);
    if (cached) return Promise.resolve(cached);
    const inFlight = this.pending.get(id);
    if (inFlight) return inFlight;
    const request = this.api
      .getWaveform(id)
      .then((peaks) => {
        this.peaks.set(id, peaks);
        if (this.peaks.size > this.capacity) this.peaks.delete(this.peaks.keys().next().value as number);
        return peaks;
      })
      .finally(() => this.pending.delete(id));
    this.pending.set(id, request);
    return request;
  }
}
