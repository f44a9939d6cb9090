// Index progress for a terminal: a redrawn bar on a TTY, a line every few seconds in logs.
import type { IndexProgress, IndexSummary } from '../../src-shared/api.js';

const BAR_WIDTH = 28;
const LOG_INTERVAL_MS = 5000;

function formatEta(seconds: number | null): string {
  if (seconds === null) return '--';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

export function progressLine(p: IndexProgress): string {
  if (p.phase === 'scanning') return 'scanning folders...';
  if (p.toAnalyse === 0) return `${p.total} files found, all unchanged`;
  const done = p.analysed + p.failed + p.moved;
  const fraction = p.toAnalyse > 0 ? done / p.toAnalyse : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = '#'.repeat(filled) + '.'.repeat(BAR_WIDTH - filled);
  return `[${bar}] ${done}/${p.toAnalyse} files  ${p.filesPerSec.toFixed(1)} files/s  ETA ${formatEta(p.etaSec)}  (${p.unchanged} unchanged, ${p.failed} failed)`;
}

export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): (p: IndexProgress) => void {
  let lastLog = 0;
  return (p) => {
    if (stream.isTTY) {
      const line = progressLine(p).slice(0, (stream.columns ?? 120) - 1);
      stream.write(`\r\x1b[K${line}`);
      if (p.phase === 'done') stream.write('\n');
    } else if (p.phase === 'done' || Date.now() - lastLog > LOG_INTERVAL_MS) {
      lastLog = Date.now();
      stream.write(`${progressLine(p)}\n`);
    }
  };
}

export function summaryText(s: IndexSummary): string {
  const lines = [
    `indexed ${s.total} audio files in ${s.elapsedSec.toFixed(1)} s: ${s.analysed} analysed, ${s.unchanged} unchanged, ` +
      `${s.moved} moved, ${s.removed} removed, ${s.failed} failed`,
  ];
  for (const e of s.errors.slice(0, 50)) lines.push(`  failed: ${e.path}: ${e.error}`);
  if (s.errors.length > 50) lines.push(`  ... and ${s.errors.length - 50} more (see \`sampledex export\`)`);
  return lines.join('\n');
}
