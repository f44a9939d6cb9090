import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIBRARY_METHODS, type LibraryApi } from '../../src-shared/api.js';
import { LibraryError } from '../../src-shared/errors.js';
import { createAppUrlMatcher } from '../../src-main/electron/app-url.js';
import { DESKTOP_METHODS, type DesktopApi } from '../../src-shared/desktop.js';
import { registerDesktopIpc } from '../../src-main/electron/desktop-ipc.js';
import { registerLibraryIpc } from '../../src-main/electron/ipc-channel.js';
import { INDEX_PROGRESS_SUBSCRIBE_CHANNEL, INDEX_PROGRESS_UNSUBSCRIBE_CHANNEL, reviveLibraryError } from '../../src-shared/ipc.js';
import type { IpcEvent } from '../../src-main/electron/ipc-types.js';
import { createDesktopBridge, createLibraryBridge } from '../../src-main/electron/preload-bridge.js';
import { APP_URL, FakeIpcMain, connectRenderer } from './fake-ipc.js';
import { PROGRESS, createFakeLibrary, sampleRecord } from './fake-library.js';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), send: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  webUtils: { getPathForFile: vi.fn(() => '/home/me/Samples/Drums') },
}));
vi.mock('electron', () => electron);

describe('preload.ts', () => {
  it('exposes exactly window.sampledex (LIBRARY_METHODS + onIndexProgress) and window.sampledexDesktop', async () => {
    await import('../../src-main/electron/preload.js');
    const calls = electron.contextBridge.exposeInMainWorld.mock.calls;
    expect(calls.map(([key]) => key)).toEqual(['sampledex', 'sampledexDesktop']);

    const [, libraryApi] = calls[0] as [string, Record<string, unknown>];
    expect(Object.keys(libraryApi).sort()).toEqual([...LIBRARY_METHODS, 'onIndexProgress'].sort());
    const [, desktopApi] = calls[1] as [string, Record<string, unknown>];
    expect(Object.keys(desktopApi).sort()).toEqual([...DESKTOP_METHODS].sort());
    // The only additions for folder input: the picker over IPC and pathForFile, local to the preload.
    expect(Object.keys(desktopApi).sort()).toEqual(['copyPath', 'pathForFile', 'pickFolders', 'revealInFolder', 'startDrag']);

    // Everything exposed is a plain function; ipcRenderer and webUtils (or any of their methods) are not among it.
    for (const exposed of [libraryApi, desktopApi]) {
      for (const value of Object.values(exposed)) {
        expect(typeof value).toBe('function');
        expect(Object.values(electron.ipcRenderer)).not.toContain(value);
        expect(Object.values(electron.webUtils)).not.toContain(value);
      }
      expect(Object.values(exposed)).not.toContain(electron.ipcRenderer);
      expect(Object.values(exposed)).not.toContain(electron.webUtils);
    }

    // pathForFile asks webUtils in the preload and sends nothing over IPC.
    const file = { name: 'Drums' } as unknown as File;
    expect((desktopApi.pathForFile as (file: File) => string)(file)).toBe('/home/me/Samples/Drums');
    expect(electron.webUtils.getPathForFile).toHaveBeenCalledWith(file);
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });
});

/** A window's bridges wired through fake IPC to the real main-side registration, as in the app. */
function wiredBridges(frameUrl = APP_URL) {
  const ipcMain = new FakeIpcMain();
  const library = createFakeLibrary();
  const isAppUrl = createAppUrlMatcher(APP_URL);
  const isTrustedSender = (event: IpcEvent): boolean => event.senderFrame !== null && isAppUrl(event.senderFrame.url);
  registerLibraryIpc(ipcMain, library, isTrustedSender, { logError: () => undefined });
  const effects = {
    samplePath: (id: number) => (id === 1 ? '/samples/1.wav' : null),
    showItemInFolder: vi.fn(), writeClipboardText: vi.fn(), startFileDrag: vi.fn(),
    showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/home/me/Samples', '/home/me/kick.wav'] })),
    isDirectory: (path: string) => !path.endsWith('.wav'),
  };
  registerDesktopIpc(ipcMain, effects, isTrustedSender);
  const renderer = connectRenderer(ipcMain, undefined, frameUrl);
  const api: LibraryApi = createLibraryBridge(renderer);
  const desktop: DesktopApi = createDesktopBridge(renderer, { getPathForFile: () => '' });
  return { ipcMain, library, effects, renderer, api, desktop };
}

describe('library bridge over IPC', () => {
  beforeEach(() => vi.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  it('calls every method through library:<method> and resolves with the core result', async () => {
    const { api, library } = wiredBridges();
    await expect(api.getSample(1)).resolves.toEqual(sampleRecord(1));
    await expect(api.listSamples({ category: 'kick', limit: 10 })).resolves.toEqual({ total: 1, items: [sampleRecord(1)] });
    await expect(api.similarToAudio(new Uint8Array([1, 2, 3]), 'drop.wav', { n: 3 })).resolves.toEqual([]);
    expect(library.similarToAudio).toHaveBeenCalledWith(new Uint8Array([1, 2, 3]), 'drop.wav', { n: 3 });
    await expect(api.setFavourite(1, true)).resolves.toMatchObject({ favourite: true });
  });

  it('rejects with a LibraryError whose code survives contextBridge (in the message) and revives in the page', async () => {
    const { api, library } = wiredBridges();
    vi.mocked(library.getWaveform).mockRejectedValueOnce(new LibraryError('not_found', 'no sample with id 9'));
    const failure = await api.getWaveform(9).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LibraryError);
    expect(failure).toMatchObject({ code: 'not_found', message: '[not_found] no sample with id 9' });

    // What the page receives after contextBridge: a plain Error with only the message.
    const bridged = new Error((failure as Error).message);
    const revived = reviveLibraryError(bridged);
    expect(revived).toBeInstanceOf(LibraryError);
    expect(revived).toMatchObject({ code: 'not_found', message: 'no sample with id 9' });
    const unrelated = new Error('boom');
    expect(reviveLibraryError(unrelated)).toBe(unrelated);

    await expect(api.getSample(0)).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('from an untrusted frame, every call is refused', async () => {
    const { api, library } = wiredBridges('https://evil.example/');
    await expect(api.stats()).rejects.toThrow(/not the app/);
    expect(library.stats).not.toHaveBeenCalled();
  });

  it('shares one main-side subscription among listeners and drops it with the last disposer', () => {
    const { api, library, renderer, ipcMain } = wiredBridges();
    const sent = vi.spyOn(renderer, 'send');
    const first = vi.fn();
    const second = vi.fn(() => {
      throw new Error('a broken panel');
    });
    const disposeFirst = api.onIndexProgress(first);
    const disposeSecond = api.onIndexProgress(second);
    expect(sent.mock.calls.filter(([channel]) => channel === INDEX_PROGRESS_SUBSCRIBE_CHANNEL)).toHaveLength(1);

    library.emitProgress(PROGRESS);
    expect(first).toHaveBeenCalledWith(PROGRESS);
    expect(second).toHaveBeenCalledTimes(1);

    disposeSecond();
    disposeSecond(); // idempotent
    expect(library.progressListenerCount).toBe(1);
    disposeFirst();
    expect(sent.mock.calls.filter(([channel]) => channel === INDEX_PROGRESS_UNSUBSCRIBE_CHANNEL)).toHaveLength(1);
    expect(library.progressListenerCount).toBe(0);
    library.emitProgress(PROGRESS);
    expect(first).toHaveBeenCalledTimes(1);
    expect(ipcMain.handlers.size).toBeGreaterThan(0);
  });
});

describe('desktop bridge over IPC', () => {
  it('sends ids only; main resolves and acts', async () => {
    const { desktop, effects, renderer } = wiredBridges();
    await desktop.revealInFolder(1);
    await desktop.copyPath(1);
    desktop.startDrag(1);
    expect(effects.showItemInFolder).toHaveBeenCalledWith('/samples/1.wav');
    expect(effects.writeClipboardText).toHaveBeenCalledWith('/samples/1.wav');
    expect(effects.startFileDrag).toHaveBeenCalledWith(renderer.sender, '/samples/1.wav');
    await expect(desktop.revealInFolder(5)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('picks folders through main, which keeps only the folders', async () => {
    const { desktop, effects, renderer } = wiredBridges();
    await expect(desktop.pickFolders()).resolves.toEqual(['/home/me/Samples']);
    expect(effects.showOpenDialog).toHaveBeenCalledWith(renderer.sender, expect.objectContaining({ properties: ['openDirectory', 'multiSelections'] }));
  });
});
