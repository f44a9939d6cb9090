// Folders from the desktop app's picker and from drops: main checks they are absolute folders
// before anything is indexed (the picker's answer, and indexFolders when given isDirectory).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { desktopChannel } from '../../src-shared/desktop.js';
import { libraryChannel } from '../../src-shared/ipc.js';
import { createAppUrlMatcher } from '../../src-main/electron/app-url.js';
import { FOLDER_PICKER_OPTIONS, registerDesktopIpc, type DesktopEffects } from '../../src-main/electron/desktop-ipc.js';
import { absoluteFolders, isDirectoryOnDisk, requireAbsoluteFolders } from '../../src-main/electron/folder-paths.js';
import { registerLibraryIpc } from '../../src-main/electron/ipc-channel.js';
import type { IpcEvent } from '../../src-main/electron/ipc-types.js';
import { APP_URL, FakeIpcMain, FakeSender, ipcEvent } from './fake-ipc.js';
import { createFakeLibrary } from './fake-library.js';

const isAppUrl = createAppUrlMatcher(APP_URL);
const isTrustedSender = (event: IpcEvent): boolean => event.senderFrame !== null && isAppUrl(event.senderFrame.url);
const FOLDERS = new Set(['/home/me/Samples', '/home/me/Loops', 'C:\\Samples']);
const isDirectory = (path: string): boolean => FOLDERS.has(path);

/** A fake OS dialog: answers what the "user" chose, and records how it was asked. */
function fakeDialog(answer: { canceled: boolean; filePaths: string[] }) {
  return vi.fn<DesktopEffects['showOpenDialog']>(async () => answer);
}

function setupPicker(dialog: DesktopEffects['showOpenDialog']) {
  const ipcMain = new FakeIpcMain();
  registerDesktopIpc(ipcMain, {
    samplePath: () => null, showItemInFolder: vi.fn(), writeClipboardText: vi.fn(), startFileDrag: vi.fn(),
    showOpenDialog: dialog, isDirectory, logError: vi.fn(),
  }, isTrustedSender);
  return ipcMain;
}

describe('desktop:pickFolders', () => {
  it('opens a multi-folder picker parented to the sending window and answers the chosen folders', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/home/me/Samples', '/home/me/Loops'] });
    const ipcMain = setupPicker(dialog);
    const sender = new FakeSender();
    await expect(ipcMain.invoke(desktopChannel('pickFolders'), ipcEvent(sender)))
      .resolves.toEqual({ ok: true, value: ['/home/me/Samples', '/home/me/Loops'] });
    expect(dialog).toHaveBeenCalledTimes(1);
    expect(dialog).toHaveBeenCalledWith(sender, FOLDER_PICKER_OPTIONS);
    expect(FOLDER_PICKER_OPTIONS.properties).toEqual(['openDirectory', 'multiSelections']);
  });

  it('answers [] when cancelled', async () => {
    const ipcMain = setupPicker(fakeDialog({ canceled: true, filePaths: ['/home/me/Samples'] }));
    await expect(ipcMain.invoke(desktopChannel('pickFolders'), ipcEvent(new FakeSender()))).resolves.toEqual({ ok: true, value: [] });
  });

  it('keeps only absolute folders, once each', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/home/me/Samples', 'relative', '/home/me/kick.wav', '/gone', '/home/me/Samples', 'C:\\Samples'] });
    const ipcMain = setupPicker(dialog);
    await expect(ipcMain.invoke(desktopChannel('pickFolders'), ipcEvent(new FakeSender())))
      .resolves.toEqual({ ok: true, value: ['/home/me/Samples', 'C:\\Samples'] });
  });

  it('never opens a dialog for an untrusted frame', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/home/me/Samples'] });
    const ipcMain = setupPicker(dialog);
    await expect(ipcMain.invoke(desktopChannel('pickFolders'), ipcEvent(new FakeSender(), 'https://evil.example/'))).rejects.toThrow(/not the app/);
    expect(dialog).not.toHaveBeenCalled();
  });
});

describe('indexFolders from the desktop app (dropped folders)', () => {
  function setupLibrary() {
    const ipcMain = new FakeIpcMain();
    const library = createFakeLibrary();
    registerLibraryIpc(ipcMain, library, isTrustedSender, { logError: vi.fn(), isDirectory });
    return { ipcMain, library };
  }

  it('indexes dropped folders', async () => {
    const { ipcMain, library } = setupLibrary();
    await expect(ipcMain.invoke(libraryChannel('indexFolders'), ipcEvent(new FakeSender()), ['/home/me/Samples', '/home/me/Loops']))
      .resolves.toMatchObject({ ok: true });
    expect(library.indexFolders).toHaveBeenCalledWith(['/home/me/Samples', '/home/me/Loops']);
  });

  it('refuses a dropped file or a missing folder before the core sees it', async () => {
    const { ipcMain, library } = setupLibrary();
    const sender = new FakeSender();
    await expect(ipcMain.invoke(libraryChannel('indexFolders'), ipcEvent(sender), ['/home/me/Samples', '/home/me/kick.wav']))
      .resolves.toEqual({ ok: false, error: { code: 'bad_request', message: 'not a folder: /home/me/kick.wav' } });
    await expect(ipcMain.invoke(libraryChannel('indexFolders'), ipcEvent(sender), ['relative/Samples']))
      .resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(library.indexFolders).not.toHaveBeenCalled();
  });
});

describe('folder checks on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sampledex-folders-'));
  const file = join(dir, 'kick.wav');
  writeFileSync(file, 'RIFF');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('tells folders from files and missing paths', () => {
    expect(isDirectoryOnDisk(dir)).toBe(true);
    expect(isDirectoryOnDisk(file)).toBe(false);
    expect(isDirectoryOnDisk(join(dir, 'missing'))).toBe(false);
    expect(absoluteFolders([file, dir, dir], isDirectoryOnDisk)).toEqual([dir]);
    expect(() => requireAbsoluteFolders([dir, file], isDirectoryOnDisk)).toThrow(`not a folder: ${file}`);
    expect(() => requireAbsoluteFolders([`${dir}\0`], () => true)).toThrow(/not a folder/);
  });
});
