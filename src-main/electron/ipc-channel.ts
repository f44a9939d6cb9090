// LibraryApi over Electron IPC, main side (STYLE.md §2): one `library:<method>` handler per
// LIBRARY_METHODS entry, derived generically, so a new API method needs no code here. Every call
// is checked for sender and arguments, and answered with an IpcReply envelope (ipc-contract.ts).
import { LIBRARY_METHODS, type Disposer, type LibraryApi, type LibraryMethod } from '../../src-shared/api.js';
import { LibraryError } from '../../src-shared/errors.js';
import {
  INDEX_PROGRESS_CHANNEL, INDEX_PROGRESS_SUBSCRIBE_CHANNEL, INDEX_PROGRESS_UNSUBSCRIBE_CHANNEL,
  libraryChannel, serialiseError, type IpcReply,
} from '../../src-shared/ipc.js';
import { requireAbsoluteFolders, type IsDirectory } from './folder-paths.js';
import { UntrustedSenderError, type IpcEvent, type IpcMainPort, type IpcSender, type TrustedSenderCheck } from './ipc-types.js';
import { validateArgs } from '../../src-shared/validate-args.js';

export interface LibraryIpcOptions {
  /** Where unexpected (non-LibraryError) failures are reported; the renderer only sees their message. */
  logError?: (error: unknown) => void;
  /**
   * When given, indexFolders refuses any path that is not a folder on disk. The desktop app passes
   * it because its folders come from drops, where a dropped file is a likely mistake; the core
   * itself only checks that a root exists.
   */
  isDirectory?: IsDirectory;
}

/** Runs `work` for a trusted sender and wraps its outcome; untrusted senders get a rejection and no work done. */
export async function answer<T>(
  channel: string,
  event: IpcEvent,
  isTrustedSender: TrustedSenderCheck,
  logError: (error: unknown) => void,
  work: () => Promise<T> | T,
): Promise<IpcReply<T>> {
  if (!isTrustedSender(event)) throw new UntrustedSenderError(channel, event.senderFrame?.url);
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof LibraryError)) logError(error);
    return { ok: false, error: serialiseError(error) };
  }
}

function callLibrary(api: LibraryApi, method: LibraryMethod, rawArgs: readonly unknown[], options: LibraryIpcOptions): Promise<unknown> {
  const args = validateArgs(method, rawArgs);
  // validateArgs checked indexFolders' first argument to be a list of absolute path strings.
  if (method === 'indexFolders' && options.isDirectory) requireAbsoluteFolders(args[0] as string[], options.isDirectory);
  // validateArgs typed the arguments for this very method; TS cannot follow the correlation.
  const target = api[method] as (...callArgs: typeof args) => Promise<unknown>;
  return target.apply(api, args);
}

/** Registers the library's IPC surface; the returned disposer removes every handler and subscription. */
export function registerLibraryIpc(
  ipcMain: IpcMainPort,
  api: LibraryApi,
  isTrustedSender: TrustedSenderCheck,
  options: LibraryIpcOptions = {},
): Disposer {
  const logError = options.logError ?? ((error: unknown) => console.error('[sampledex] IPC call failed:', error));

  for (const method of LIBRARY_METHODS) {
    const channel = libraryChannel(method);
    ipcMain.handle(channel, (event, ...args) => answer(channel, event, isTrustedSender, logError, () => callLibrary(api, method, args, options)));
  }

  const progress = forwardIndexProgress(api, isTrustedSender);
  ipcMain.on(INDEX_PROGRESS_SUBSCRIBE_CHANNEL, progress.subscribe);
  ipcMain.on(INDEX_PROGRESS_UNSUBSCRIBE_CHANNEL, progress.unsubscribe);

  return () => {
    for (const method of LIBRARY_METHODS) ipcMain.removeHandler(libraryChannel(method));
    ipcMain.removeListener(INDEX_PROGRESS_SUBSCRIBE_CHANNEL, progress.subscribe);
    ipcMain.removeListener(INDEX_PROGRESS_UNSUBSCRIBE_CHANNEL, progress.unsubscribe);
    progress.disposeAll();
  };
}

/** One core subscription per subscribed webContents, dropped on unsubscribe or when the webContents dies. */
function forwardIndexProgress(api: LibraryApi, isTrustedSender: TrustedSenderCheck) {
  const subscriptions = new Map<number, Disposer>();
  const watchedForDestroy = new Set<number>();

  const stop = (senderId: number): void => {
    subscriptions.get(senderId)?.();
    subscriptions.delete(senderId);
  };

  const start = (sender: IpcSender): void => {
    if (subscriptions.has(sender.id)) return;
    const stopListening = api.onIndexProgress((progress) => {
      if (sender.isDestroyed()) stop(sender.id);
      else sender.send(INDEX_PROGRESS_CHANNEL, progress);
    });
    subscriptions.set(sender.id, stopListening);
    if (!watchedForDestroy.has(sender.id)) {
      watchedForDestroy.add(sender.id);
      sender.once('destroyed', () => {
        watchedForDestroy.delete(sender.id);
        stop(sender.id);
      });
    }
  };

  return {
    subscribe: (event: IpcEvent): void => {
      if (isTrustedSender(event)) start(event.sender);
    },
    unsubscribe: (event: IpcEvent): void => {
      if (isTrustedSender(event)) stop(event.sender.id);
    },
    disposeAll: (): void => {
      for (const senderId of [...subscriptions.keys()]) stop(senderId);
    },
  };
}
