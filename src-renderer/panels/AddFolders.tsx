// "Add folders": a path field (web mode has no native folder picker that yields paths), the
// indexing run, and a progress bar fed by onIndexProgress, a subscription this panel owns.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { IndexProgress } from '../../src-shared/api.js';
import { useServices, useSlice } from '../app/services.js';
import { formatEta } from '../format.js';

function progressFraction(progress: IndexProgress): number {
  if (progress.phase === 'done') return 1;
  if (progress.toAnalyse === 0) return progress.phase === 'scanning' ? 0 : 1;
  return (progress.analysed + progress.failed) / progress.toAnalyse;
}

function ProgressBar({ progress, running }: { progress: IndexProgress; running: boolean }): ReactNode {
  const done = progress.analysed + progress.failed;
  return (
    <div className="index-progress" data-testid="index-progress" data-phase={progress.phase} data-running={running}>
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={1} aria-valuenow={progressFraction(progress)}>
        <div className="fill" style={{ width: `${(progressFraction(progress) * 100).toFixed(1)}%` }} />
      </div>
      <span className="progress-text" data-testid="index-progress-text">
        {progress.phase === 'scanning'
          ? `scanning… ${progress.total} found`
          : progress.phase === 'done'
            ? `done: ${progress.analysed} analysed, ${progress.unchanged} unchanged${progress.failed ? `, ${progress.failed} failed` : ''}`
            : `${progress.phase} ${done}/${progress.toAnalyse} · ${progress.filesPerSec.toFixed(1)} files/s · ETA ${formatEta(progress.etaSec)}`}
      </span>
    </div>
  );
}

export function AddFolders(): ReactNode {
  const { api, indexing, browse } = useServices();
  const [folder, setFolder] = useState('');
  const running = useSlice(indexing, (state) => state.running);
  const progress = useSlice(indexing, (state) => state.progress);
  const error = useSlice(indexing, (state) => state.error);

  useEffect(() => {
    let refreshTimer = 0;
    const dispose = api.onIndexProgress((update) => {
      indexing.getState().receiveProgress(update);
      // Show new samples while a long run is still going, at most every few seconds.
      if (!refreshTimer && update.phase !== 'scanning') {
        refreshTimer = window.setTimeout(() => {
          refreshTimer = 0;
          void browse.getState().refreshStats();
        }, 3000);
      }
    });
    return () => {
      dispose();
      window.clearTimeout(refreshTimer);
    };
  }, [api, browse, indexing]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const folders = folder.split(/[\n;]/).map((path) => path.trim()).filter(Boolean);
    if (folders.length === 0) return;
    const summary = await indexing.getState().indexFolders(folders);
    if (summary) {
      setFolder('');
      await browse.getState().refresh();
    }
  };

  return (
    <form className="add-folders" onSubmit={(event) => void submit(event)}>
      <input
        type="text"
        placeholder="/path/to/samples"
        aria-label="Folder to add"
        data-testid="add-folder-input"
        value={folder}
        onChange={(event) => setFolder(event.target.value)}
      />
      <button type="submit" data-testid="add-folder-button" disabled={running || folder.trim() === ''}>
        {running ? 'Indexing…' : 'Add folder'}
      </button>
      {progress && <ProgressBar progress={progress} running={running} />}
      {error && <span className="error" data-testid="index-error">{error}</span>}
    </form>
  );
}
