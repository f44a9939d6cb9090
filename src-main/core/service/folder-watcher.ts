// Watches the library's folders and asks for a re-index when audio files appear, change or go.
// Re-indexing is incremental (stat only for unchanged files), so a burst of events — a pack being
// unzipped — costs one run after things settle, not one per file.
import { watch, type FSWatcher } from 'node:fs';
import { isAudioFileName } from '../decode/index.js';

export interface FolderWatcherOptions {
  /** Quiet time after the last event before `onChange` runs. */
  debounceMs?: number;
  onError?: (error: Error) => void;
}

export class FolderWatcher {
  private readonly watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    roots: readonly string[],
    private readonly onChange: () => void,
    private readonly options: FolderWatcherOptions = {},
  ) {
    for (const root of roots) {
      try {
        const watcher = watch(root, { recursive: true, persistent: false }, (_event, name) => this.onEvent(name));
        watcher.on('error', (error) => options.onError?.(error));
        this.watchers.push(watcher);
      } catch (error) {
        // A root that vanished or is unreadable is reported; the others are still watched.
        options.onError?.(error as Error);
      }
    }
  }

  private onEvent(name: string | Buffer | null): void {
    const file = name === null ? null : String(name);
    // Folder events (a pack moved in or out) matter too: only non-audio files are ignored.
    if (file !== null && /\.[^/\\]+$/.test(file) && !isAudioFileName(file)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onChange();
    }, this.options.debounceMs ?? 1500);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watchers.forEach((w) => w.close());
    this.watchers.length = 0;
  }
}
