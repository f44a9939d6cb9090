// Decoded samples kept in memory so an audition of a cached sample starts from RAM (WebAudio)
// instead of a request, a demux and a decode (the <audio> element). An LRU bounded by the bytes the
// decoded PCM takes (float32 per channel per frame), with loads deduplicated and run a few at a
// time. The loader is injected (fetch + AudioContext.decodeAudioData in the app), so this is unit-
// tested with fake buffers.

/** The part of an AudioBuffer the cache sizes by. */
export interface SizedBuffer {
  readonly length: number;
  readonly numberOfChannels: number;
}

export interface DecodedAudioCacheOptions {
  /** Total decoded bytes kept; the least recently used samples go first. */
  maxBytes: number;
  /** A single buffer larger than this is not kept (a long loop would evict a screenful of hits). */
  maxBufferBytes: number;
  /** Loads running at once: enough to fill ±2 neighbours quickly, few enough not to starve the UI. */
  concurrency: number;
}

export const DEFAULT_DECODED_CACHE: DecodedAudioCacheOptions = {
  maxBytes: 64 * 1024 * 1024,
  maxBufferBytes: 16 * 1024 * 1024,
  concurrency: 2,
};

export function decodedBytes(buffer: SizedBuffer): number {
  return buffer.length * buffer.numberOfChannels * Float32Array.BYTES_PER_ELEMENT;
}

export class DecodedAudioCache<Buffer extends SizedBuffer> {
  /** Insertion order is recency order: the first key is the least recently used. */
  private readonly entries = new Map<number, Buffer>();
  private readonly loading = new Set<number>();
  /** Samples that failed to load or decode (missing, a codec WebAudio lacks): the element plays them. */
  private readonly failed = new Set<number>();
  private queue: number[] = [];
  private bytes = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly load: (id: number) => Promise<Buffer>,
    private readonly options: DecodedAudioCacheOptions = DEFAULT_DECODED_CACHE,
  ) {}

  /** The decoded sample, marked most recently used; undefined when not (yet) cached. */
  get(id: number): Buffer | undefined {
    const buffer = this.entries.get(id);
    if (buffer) {
      this.entries.delete(id);
      this.entries.set(id, buffer);
    }
    return buffer;
  }

  has(id: number): boolean {
    return this.entries.has(id);
  }

  get totalBytes(): number {
    return this.bytes;
  }

  cachedIds(): number[] {
    return [...this.entries.keys()];
  }

  /**
   * Loads these samples, most wanted first. Replaces the waiting queue (not the loads already
   * running): after the selection moves on, the old neighbours are no longer worth fetching.
   */
  prefetch(ids: readonly number[]): void {
    this.queue = ids.filter((id, at) => ids.indexOf(id) === at && !this.entries.has(id) && !this.loading.has(id) && !this.failed.has(id));
    for (const id of ids) {
      // Wanted again: keep it from being the next eviction.
      if (this.entries.has(id)) this.get(id);
    }
    this.pump();
  }

  /** Called after every change of the cached set (for the page's test/devtools view of it). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.entries.clear();
    this.queue = [];
    this.bytes = 0;
    this.notify();
  }

  private pump(): void {
    while (this.loading.size < this.options.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.loading.add(id);
      this.load(id)
        .then((buffer) => this.store(id, buffer), () => this.failed.add(id))
        .finally(() => {
          this.loading.delete(id);
          this.pump();
        });
    }
  }

  private store(id: number, buffer: Buffer): void {
    const size = decodedBytes(buffer);
    if (size > this.options.maxBufferBytes || this.entries.has(id)) return;
    this.entries.set(id, buffer);
    this.bytes += size;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= decodedBytes(old);
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
