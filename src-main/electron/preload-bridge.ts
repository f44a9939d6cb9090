// What the preload exposes, built from the contract alone: one invoke per LIBRARY_METHODS entry,
// the progress subscription, and the desktop actions. Electron-free (ipcRenderer and webUtils are
// passed in) so tests drive it with fakes; preload.ts only hands these objects to contextBridge.
import { LIBRARY_METHODS, type Disposer, type IndexProgress, type LibraryApi, type LibraryMethod } from '../../src-shared/api.js';
import { desktopChannel, type DesktopApi } from '../../src-shared/desktop.js';
import {
  INDEX_PROGRESS_CHANNEL, INDEX_PROGRESS_SUBSCRIBE_CHANNEL, INDEX_PROGRESS_UNSUBSCRIBE_CHANNEL,
  libraryChannel, unwrapIpcReply,
} from '../../src-shared/ipc.js';

/** The slice of Electron's ipcRenderer the bridge uses; it never leaves this module's closures. */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** One main-process subscription however many listeners the page adds; dropped with the last one. */
function progressSubscriptions(ipc: IpcRendererPort): LibraryApi['onIndexProgress'] {
  const listeners = new Set<(progress: IndexProgress) => void>();
  const relay = (_event: unknown, progress: unknown): void => {
    for (const listener of [...listeners]) {
      try {
        listener(progress as IndexProgress);
      } catch (error) {
        // One broken panel must not starve the others of progress.
        console.error('[sampledex] index progress listener failed:', error);
      }
    }
  };
  return (listener) => {
    const wrapped = (progress: IndexProgress): void => listener(progress);
    if (listeners.size === 0) {
      ipc.on(INDEX_PROGRESS_CHANNEL, relay);
      ipc.send(INDEX_PROGRESS_SUBSCRIBE_CHANNEL);
    }
    listeners.add(wrapped);
    const dispose: Disposer = () => {
      if (!listeners.delete(wrapped) || listeners.size > 0) return;
      ipc.removeListener(INDEX_PROGRESS_CHANNEL, relay);
      ipc.send(INDEX_PROGRESS_UNSUBSCRIBE_CHANNEL);
    };
    return dispose;
  };
}

export function createLibraryBridge(ipc: IpcRendererPort): LibraryApi {
  const methods = Object.fromEntries(
    LIBRARY_METHODS.map((method) => [
      method,
      async (...args: unknown[]) => unwrapIpcReply(await ipc.invoke(libraryChannel(method), ...args)),
    ]),
  ) as unknown as Pick<LibraryApi, LibraryMethod>;
  return { ...methods, onIndexProgress: progressSubscriptions(ipc) };
}

/** The slice of Electron's webUtils the bridge uses (Electron ≥ 32; File.path is gone from sandboxed pages). */
export interface WebUtilsPort {
  getPathForFile(file: File): string;
}

export function createDesktopBridge(ipc: IpcRendererPort, webUtils: WebUtilsPort): DesktopApi {
  return {
    revealInFolder: async (id) => unwrapIpcReply<void>(await ipc.invoke(desktopChannel('revealInFolder'), id)),
    copyPath: async (id) => unwrapIpcReply<void>(await ipc.invoke(desktopChannel('copyPath'), id)),
    startDrag: (id) => ipc.send(desktopChannel('startDrag'), id),
    pickFolders: async () => unwrapIpcReply<string[]>(await ipc.invoke(desktopChannel('pickFolders'))),
    // Wrapped, not webUtils' own function: only this one call crosses contextBridge.
    pathForFile: (file) => webUtils.getPathForFile(file),
  };
}
