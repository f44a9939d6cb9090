// "Add folders": a path field (web mode has no native folder picker that yields paths), and in the
// desktop app a folder picker and folders dropped anywhere on the window; the indexing run starts at
// once, with a progress bar fed by onIndexProgress, a subscription this panel owns.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { IndexProgress } from '../../src-shared/api.js';
import type { DesktopApi } from '../../src-shared/desktop.js';
import { useServices, useSlice } from '../app/services.js';
import { formatEta } from '../format.js';
import { droppedFolders } from '../state/dropped-folders.js';

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

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Desktop only: folders dropped anywhere on the window are indexed. Listens on the window (and is
 * gone with this panel); a drop the similar-sounds zone already took (defaultPrevented) is its own.
 * Electron's navigateOnDragDrop: false stays the guard against a drop navigating away.
 */
function useFolderDrop(desktop: DesktopApi | null, onFolders: (folders: string[]) => void, onOnlyFiles: () => void): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    if (!desktop) return;
    const onDragOver = (event: DragEvent): void => {
      if (!carriesFiles(event) || event.defaultPrevented) {
        setOver(false);
        return;
      }
      // Without this the window refuses the drop (and no 'drop' event fires).
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setOver(true);
    };
    const onDragLeave = (event: DragEvent): void => {
      // relatedTarget is null only when the drag leaves the window, not when it crosses a child.
      if (event.relatedTarget === null) setOver(false);
    };
    const onDrop = (event: DragEvent): void => {
      setOver(false);
      if (event.defaultPrevented || !carriesFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      // Read now: the DataTransfer is emptied once this handler returns.
      const { folders, ignored } = droppedFolders(event.dataTransfer.items, (file) => desktop.pathForFile(file));
      if (folders.length > 0) onFolders(folders);
      else if (ignored > 0) onOnlyFiles();
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [desktop, onFolders, onOnlyFiles]);
  return over;
}

export function AddFolders(): ReactNode {
  const { api, indexing, browse, desktop } = useServices();
  const [folder, setFolder] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const running = useSlice(indexing, (state) => state.running);
  const progress = useSlice(indexing, (state) => state.progress);
  const error = useSlice(indexing, (state) => state.error);

  const addFolders = useCallback(
    async (folders: string[]): Promise<boolean> => {
      if (indexing.getState().running) {
        setNotice('Already indexing: add more folders when this run is done.');
        return false;
      }
      setNotice(null);
      const summary = await indexing.getState().indexFolders(folders);
      if (summary) await browse.getState().refresh();
      return summary !== null;
    },
    [browse, indexing],
  );
  const onDroppedFolders = useCallback((folders: string[]) => void addFolders(folders), [addFolders]);
  const onOnlyFiles = useCallback(() => setNotice('Drop folders here to index them (an audio file goes on "Similar").'), []);
  const dropping = useFolderDrop(desktop, onDroppedFolders, onOnlyFiles);

  const pick = async (): Promise<void> => {
    if (!desktop) return;
    const folders = await desktop.pickFolders().catch((failure: unknown) => {
      setNotice(failure instanceof Error ? failure.message : String(failure));
      return [];
    });
    if (folders.length > 0) await addFolders(folders);
  };

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
    if (await addFolders(folders)) setFolder('');
  };

  // The desktop app picks folders natively (or takes them dropped), so it needs no path field.
  return (
    <form className="add-folders" onSubmit={(event) => void submit(event)}>
      {desktop ? (
        <button type="button" data-testid="pick-folders-button" disabled={running} title="Or drop folders anywhere on the window" onClick={() => void pick()}>
          {running ? 'Indexing…' : 'Add folders…'}
        </button>
      ) : (
        <>
          <input
            type="text"
            placeholder="/path/to/samples"
            aria-label="Folder to add"
            title="A folder path on the machine running sampledex serve (the desktop app also takes dropped folders)"
            data-testid="add-folder-input"
            value={folder}
            onChange={(event) => setFolder(event.target.value)}
          />
          <button type="submit" data-testid="add-folder-button" disabled={running || folder.trim() === ''}>
            {running ? 'Indexing…' : 'Add folder'}
          </button>
        </>
      )}
      {progress && <ProgressBar progress={progress} running={running} />}
      {error && <span className="error" data-testid="index-error">{error}</span>}
      {notice && <span className="muted" data-testid="index-notice">{notice}</span>}
      {dropping && (
        <div className="folder-drop-overlay" data-testid="folder-drop-overlay">
          Drop sample folders to add them to the library
        </div>
      )}
    </form>
  );
}
