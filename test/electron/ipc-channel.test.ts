import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIBRARY_METHODS } from '../../src-shared/api.js';
import { LibraryError } from '../../src-shared/errors.js';
import { createAppUrlMatcher } from '../../src-main/electron/app-url.js';
import { desktopChannel } from '../../src-shared/desktop.js';
import { registerDesktopIpc } from '../../src-main/electron/desktop-ipc.js';
import { registerLibraryIpc } from '../../src-main/electron/ipc-channel.js';
import {
  INDEX_PROGRESS_CHANNEL, INDEX_PROGRESS_SUBSCRIBE_CHANNEL, INDEX_PROGRESS_UNSUBSCRIBE_CHANNEL, libraryChannel,
} from '../../src-shared/ipc.js';
import type { IpcEvent } from '../../src-main/electron/ipc-types.js';
import { APP_URL, FakeIpcMain, FakeSender, ipcEvent } from './fake-ipc.js';
import { PROGRESS, createFakeLibrary, sampleRecord } from './fake-library.js';

const isAppUrl = createAppUrlMatcher(APP_URL);
const isTrustedSender = (event: IpcEvent): boolean => event.senderFrame !== null && isAppUrl(event.senderFrame.url);

function setup() {
  const ipcMain = new FakeIpcMain();
  const library = createFakeLibrary();
  const logError = vi.fn();
  const dispose = registerLibraryIpc(ipcMain, library, isTrustedSender, { logError });
  return { ipcMain, library, logError, dispose };
}

describe('registerLibraryIpc', () => {
  it('registers exactly one library:<method> handler per LIBRARY_METHODS entry', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(LIBRARY_METHODS.map((method) => `library:${method}`).sort());
  });

  it('calls the API with the validated arguments and wraps the result', async () => {
    const { ipcMain, library } = setup();
    const event = ipcEvent(new FakeSender());
    await expect(ipcMain.invoke(libraryChannel('getSample'), event, 1)).resolves.toEqual({ ok: true, value: sampleRecord(1) });
    await expect(ipcMain.invoke(libraryChannel('setTags'), event, 1, ['dark'])).resolves.toMatchObject({ ok: true, value: { tags: ['dark'] } });
    expect(library.setTags).toHaveBeenCalledWith(1, ['dark']);
    await expect(ipcMain.invoke(libraryChannel('getSample'), event, 2)).resolves.toEqual({ ok: true, value: null });
  });

  it('refuses senders that are not the app page without calling the API', async () => {
    const { ipcMain, library } = setup();
    const sender = new FakeSender();
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', null]) {
      await expect(ipcMain.invoke(libraryChannel('stats'), ipcEvent(sender, url))).rejects.toThrow(/not the app/);
    }
    expect(library.stats).not.toHaveBeenCalled();
  });

  it('answers bad arguments with a bad_request envelope and never reaches the API', async () => {
    const { ipcMain, library } = setup();
    const reply = await ipcMain.invoke(libraryChannel('getSample'), ipcEvent(new FakeSender()), '../../etc/passwd');
    expect(reply).toEqual({ ok: false, error: { code: 'bad_request', message: 'id must be a positive integer sample id' } });
    expect(library.getSample).not.toHaveBeenCalled();
  });

  it('serialises failures as {code, message}: LibraryErrors keep their code, bugs become internal and are logged', async () => {
    const { ipcMain, library, logError } = setup();
    vi.mocked(library.getWaveform).mockRejectedValueOnce(new LibraryError('not_found', 'no sample with id 9'));
    vi.mocked(library.stats).mockRejectedValueOnce(new TypeError('x is undefined'));
    const event = ipcEvent(new FakeSender());
    await expect(ipcMain.invoke(libraryChannel('getWaveform'), event, 9))
      .resolves.toEqual({ ok: false, error: { code: 'not_found', message: 'no sample with id 9' } });
    expect(logError).not.toHaveBeenCalled();
    await expect(ipcMain.invoke(libraryChannel('stats'), event)).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'x is undefined' } });
    expect(logError).toHaveBeenCalledWith(expect.any(TypeError));
  });

  it('forwards index progress to subscribed webContents only, until they unsubscribe', () => {
    const { ipcMain, library } = setup();
    const subscribed = new FakeSender();
    const bystander = new FakeSender();
    ipcMain.emit(INDEX_PROGRESS_SUBSCRIBE_CHANNEL, ipcEvent(subscribed));
    ipcMain.emit(INDEX_PROGRESS_SUBSCRIBE_CHANNEL, ipcEvent(subscribed)); // idempotent per webContents
    library.emitProgress(PROGRESS);
    expect(subscribed.sent).toEqual([{ channel: INDEX_PROGRESS_CHANNEL, args: [PROGRESS] }]);
    expect(bystander.sent).toEqual([]);
    expect(library.progressListenerCount).toBe(1);

    ipcMain.emit(INDEX_PROGRESS_UNSUBSCRIBE_CHANNEL, ipcEvent(subscribed));
    library.emitProgress(PROGRESS);
    expect(subscribed.sent).toHaveLength(1);
    expect(library.progressListenerCount).toBe(0);
  });

  it('drops a subscription when its webContents is destroyed, watching each webContents once', () => {
    const { ipcMain, library } = setup();
    const sender = new FakeSender();
    for (let i = 0; i < 3; i++) {
      ipcMain.emit(INDEX_PROGRESS_SUBSCRIBE_CHANNEL, ipcEvent(sender));
      ipcMain.emit(INDEX_PROGRESS_UNSUBSCRIBE_CHANNEL, ipcEvent(sender));
    }
    ipcMain.emit(INDEX_PROGRESS_SUBSCRIBE_CHANNEL, ipcEvent(sender));
    expect(sender.destroyedListenerCount()).toBe(1);
    sender.destroy();
    expect(library.progressListenerCount).toBe(0);
    expect(() => library.emitProgress(PROGRESS)).not.toThrow();
  });

  it('ignores progress subscriptions from untrusted frames', () => {
    const { ipcMain, library } = setup();
    ipcMain.emit(INDEX_PROGRESS_SUBSCRIBE_CHANNEL, ipcEvent(new FakeSender(), 'https://evil.example/'));
    expect(library.progressListenerCount).toBe(0);
  });

  it('disposes every handler, listener and subscription', () => {
    const { ipcMain, library, dispose } = setup();
    ipcMain.emit(INDEX_PROGRESS_SUBSCRIBE_CHANNEL, ipcEvent(new FakeSender()));
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.listenerCount(INDEX_PROGRESS_SUBSCRIBE_CHANNEL) + ipcMain.listenerCount(INDEX_PROGRESS_UNSUBSCRIBE_CHANNEL)).toBe(0);
    expect(library.progressListenerCount).toBe(0);
  });
});

describe('registerDesktopIpc', () => {
  function setupDesktop() {
    const ipcMain = new FakeIpcMain();
    const effects = {
      samplePath: vi.fn((id: number) => (id === 1 ? '/samples/kick.wav' : null)),
      showItemInFolder: vi.fn(),
      writeClipboardText: vi.fn(),
      startFileDrag: vi.fn(),
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
      isDirectory: () => true,
      logError: vi.fn(),
    };
    const dispose = registerDesktopIpc(ipcMain, effects, isTrustedSender);
    return { ipcMain, effects, dispose };
  }

  afterEach(() => vi.restoreAllMocks());

  it('resolves ids to catalogued paths for reveal, copy and drag', async () => {
    const { ipcMain, effects } = setupDesktop();
    const sender = new FakeSender();
    await expect(ipcMain.invoke(desktopChannel('revealInFolder'), ipcEvent(sender), 1)).resolves.toEqual({ ok: true, value: undefined });
    await expect(ipcMain.invoke(desktopChannel('copyPath'), ipcEvent(sender), 1)).resolves.toEqual({ ok: true, value: undefined });
    ipcMain.emit(desktopChannel('startDrag'), ipcEvent(sender), 1);
    expect(effects.showItemInFolder).toHaveBeenCalledWith('/samples/kick.wav');
    expect(effects.writeClipboardText).toHaveBeenCalledWith('/samples/kick.wav');
    expect(effects.startFileDrag).toHaveBeenCalledWith(sender, '/samples/kick.wav');
  });

  it('never acts on a path sent by the page, an unknown id, or an untrusted frame', async () => {
    const { ipcMain, effects } = setupDesktop();
    const sender = new FakeSender();
    await expect(ipcMain.invoke(desktopChannel('revealInFolder'), ipcEvent(sender), '/etc/passwd'))
      .resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await expect(ipcMain.invoke(desktopChannel('copyPath'), ipcEvent(sender), 2))
      .resolves.toEqual({ ok: false, error: { code: 'not_found', message: 'no sample with id 2' } });
    await expect(ipcMain.invoke(desktopChannel('copyPath'), ipcEvent(sender, 'https://evil.example/'), 1)).rejects.toThrow(/not the app/);
    ipcMain.emit(desktopChannel('startDrag'), ipcEvent(sender, 'https://evil.example/'), 1);
    ipcMain.emit(desktopChannel('startDrag'), ipcEvent(sender), '/etc/passwd');
    expect(effects.showItemInFolder).not.toHaveBeenCalled();
    expect(effects.writeClipboardText).not.toHaveBeenCalled();
    expect(effects.startFileDrag).not.toHaveBeenCalled();
    expect(effects.logError).toHaveBeenCalledTimes(1); // the malformed drag id, logged rather than thrown into Electron
  });

  it('disposes its handlers', () => {
    const { ipcMain, dispose } = setupDesktop();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.listenerCount(desktopChannel('startDrag'))).toBe(0);
  });
});
