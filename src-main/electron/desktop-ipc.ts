// The desktop actions behind window.sampledexDesktop, main side. The renderer names a sample by id;
// this resolves it to the catalogued path, so only catalogued files are ever revealed, copied or
// dragged. The OS effects are injected (main.ts passes shell, clipboard, webContents.startDrag,
// dialog.showOpenDialog).
import type { OpenDialogOptions } from 'electron';
import type { Disposer } from '../../src-shared/api.js';
import { LibraryError } from '../../src-shared/errors.js';
import { desktopChannel } from '../../src-shared/desktop.js';
import { absoluteFolders, type IsDirectory } from './folder-paths.js';
import { answer } from './ipc-channel.js';
import type { IpcEvent, IpcMainPort, IpcSender, TrustedSenderCheck } from './ipc-types.js';
import { validateSampleId } from '../../src-shared/validate-args.js';

export interface DesktopEffects {
  /** The catalogued file of a sample, or null (LibraryService.audioFilePath). */
  samplePath(id: number): string | null;
  showItemInFolder(path: string): void;
  writeClipboardText(text: string): void;
  startFileDrag(sender: IpcSender, path: string): void;
  /** dialog.showOpenDialog, parented to the sender's window (the dialog is modal to it). */
  showOpenDialog(sender: IpcSender, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  isDirectory: IsDirectory;
  logError?: (error: unknown) => void;
}

/** Several sample folders at once; no files, since indexFolders takes folders. */
export const FOLDER_PICKER_OPTIONS: OpenDialogOptions = {
  title: 'Add sample folders',
  buttonLabel: 'Add',
  properties: ['openDirectory', 'multiSelections'],
};

function requirePath(effects: DesktopEffects, rawId: unknown): string {
  const id = validateSampleId(rawId);
  const path = effects.samplePath(id);
  if (path === null) throw new LibraryError('not_found', `no sample with id ${id}`);
  return path;
}

export function registerDesktopIpc(ipcMain: IpcMainPort, effects: DesktopEffects, isTrustedSender: TrustedSenderCheck): Disposer {
  const logError = effects.logError ?? ((error: unknown) => console.error('[sampledex] desktop action failed:', error));
  const reveal = desktopChannel('revealInFolder');
  const copy = desktopChannel('copyPath');
  const drag = desktopChannel('startDrag');
  const pick = desktopChannel('pickFolders');

  ipcMain.handle(reveal, (event, id) => answer(reveal, event, isTrustedSender, logError, () => {
    effects.showItemInFolder(requirePath(effects, id));
  }));
  ipcMain.handle(copy, (event, id) => answer(copy, event, isTrustedSender, logError, () => {
    effects.writeClipboardText(requirePath(effects, id));
  }));
  ipcMain.handle(pick, (event) => answer(pick, event, isTrustedSender, logError, async () => {
    const result = await effects.showOpenDialog(event.sender, FOLDER_PICKER_OPTIONS);
    // The OS said these are folders when the user chose them; checked again because the page then
    // hands them straight to indexFolders, and a folder can vanish (or be a file on odd platforms).
    return result.canceled ? [] : absoluteFolders(result.filePaths, effects.isDirectory);
  }));
  // A send, not an invoke: the OS drag must start while the mouse button is still down.
  const onDrag = (event: IpcEvent, id: unknown): void => {
    if (!isTrustedSender(event)) return;
    try {
      effects.startFileDrag(event.sender, requirePath(effects, id));
    } catch (error) {
      logError(error);
    }
  };
  ipcMain.on(drag, onDrag);

  return () => {
    ipcMain.removeHandler(reveal);
    ipcMain.removeHandler(copy);
    ipcMain.removeHandler(pick);
    ipcMain.removeListener(drag, onDrag);
  };
}
