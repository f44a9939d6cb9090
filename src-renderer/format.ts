// Display formatting shared by the panels.
import type { NameCategory } from '../src-shared/category-words.js';
import type { Prediction } from '../src-shared/sample.js';

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 10) return `${seconds.toFixed(2)}s`;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
}

export function formatBpm(bpm: number | null): string {
  return bpm === null ? '' : bpm.toFixed(bpm % 1 === 0 ? 0 : 1);
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** Model predictions show their confidence; labels the user or the folder gave need none. */
export function predictionTitle<T extends string>(prediction: Prediction<T> | null): string {
  if (!prediction) return '';
  switch (prediction.source) {
    case 'model':
      return `${prediction.value}: predicted from audio, ${formatPercent(prediction.confidence)} confident`;
    case 'user':
      return `${prediction.value}: set by you`;
    case 'path':
      return `${prediction.value}: from the folder or file name`;
  }
}

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Which name said a sample's category: "file name" or "folder". */
export function formatNameSource(named: NameCategory): string {
  return named.from === 'file' ? 'file name' : 'folder';
}
