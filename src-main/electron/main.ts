// The Electron shell's composition root: app lifecycle and wiring only. Every decision lives in
// an Electron-free module beside this one and is tested there (test/electron/).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, net, protocol, session, shell, webContents,
  type NativeImage, type WebContents,
} from 'electron';
import { openLibrary, type LibraryService } from '../core/service/library-service.js';
import { defaultLibraryDir } from '../core/service/library-paths.js';
import { appMenuTemplate } from './app-menu.js';
import { createAppUrlMatcher, isPermissionGranted, rendererEntryUrl } from './app-url.js';
import { handleAudioProtocol, registerAudioScheme } from './audio-protocol.js';
import { bundledResourcesDir, DRAG_ICON_FILE, preloadScriptPath, rendererIndexHtml } from './bundle-layout.js';
import { registerDesktopIpc } from './desktop-ipc.js';
import { isDirectoryOnDisk } from './folder-paths.js';
import { registerLibraryIpc } from './ipc-channel.js';
import type { IpcEvent } from './ipc-types.js';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy, mainWindowOptions, withContentSecurityPolicy } from './window-options.js';

const mainBundleDir = dirname(fileURLToPath(import.meta.url));
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const entryUrl = rendererEntryUrl(devServerUrl, rendererIndexHtml(mainBundleDir));
const isAppUrl = createAppUrlMatcher(entryUrl);
const isTrustedSender = (event: IpcEvent): boolean => event.senderFrame !== null && isAppUrl(event.senderFrame.url);
const resourcesDir = bundledResourcesDir({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() });

/** Chromium fixes scheme privileges at startup, before 'ready'. */
registerAudioScheme(protocol);

function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function lockDownSession(): void {
  const policy = devServerUrl ? devContentSecurityPolicy(devServerUrl) : CONTENT_SECURITY_POLICY;
  session.defaultSession.webRequest.onHeadersReceived((details, respond) => {
    respond({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, grant, details) => {
    grant(isPermissionGranted(permission, details.requestingUrl, isAppUrl));
  });
  // A file: page's origin is opaque ("file:///"), so judge by the frame's URL where Electron gives it.
  session.defaultSession.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? contents?.getURL() ?? requestingOrigin, isAppUrl));
}

function loadDragIcon(): NativeImage {
  const icon = nativeImage.createFromPath(join(resourcesDir, DRAG_ICON_FILE));
  // macOS refuses a drag with an empty icon; elsewhere the OS draws its own.
  return icon.isEmpty() ? nativeImage.createEmpty() : icon;
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadScriptPath(mainBundleDir, existsSync)));
  window.once('ready-to-show', () => window.show());
  window.loadURL(entryUrl).catch((error: unknown) => console.error(`[sampledex] could not load ${entryUrl}:`, error));
  return window;
}

function focus(window: BrowserWindow | undefined): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  lockDownSession();
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform, !app.isPackaged)));

  let library: LibraryService;
  try {
    library = await openLibrary({
      libraryDir: defaultLibraryDir(),
      resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : undefined,
      log: (line) => console.log(`[sampledex] ${line}`),
    });
  } catch (error) {
    dialog.showErrorBox('Sampledex could not open its library', error instanceof Error ? error.message : String(error));
    app.exit(1);
    return;
  }

  const dragIcon = loadDragIcon();
  const disposers = [
    registerLibraryIpc(ipcMain, library, isTrustedSender, { isDirectory: isDirectoryOnDisk }),
    registerDesktopIpc(ipcMain, {
      samplePath: (id) => library.audioFilePath(id),
      showItemInFolder: (path) => shell.showItemInFolder(path),
      writeClipboardText: (text) => clipboard.writeText(text),
      startFileDrag: (sender, file) => webContents.fromId(sender.id)?.startDrag({ file, icon: dragIcon }),
      showOpenDialog: (sender, options) => {
        const contents = webContents.fromId(sender.id);
        const window = contents ? BrowserWindow.fromWebContents(contents) : null;
        // Parented, so the picker is a sheet on macOS and modal everywhere: no second pick underneath.
        return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
      },
      isDirectory: isDirectoryOnDisk,
    }, isTrustedSender),
    handleAudioProtocol(protocol, {
      samplePath: (id) => library.audioFilePath(id),
      fetchFile: (url, init) => net.fetch(url, init),
    }),
    // Watched folders: catch up with what changed while the app was closed, then follow changes live.
    library.watchFolders((error) => console.error('[sampledex] re-indexing watched folders failed:', error.message)),
  ];

  let mainWindow = createMainWindow();
  app.on('second-instance', () => focus(mainWindow));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });

  // Closing the catalogue is async (worker pool, SQLite WAL checkpoint): hold the quit until done.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    disposers.forEach((dispose) => dispose());
    library.close()
      .catch((error: unknown) => console.error('[sampledex] closing the library failed:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Sampledex owns the library; it is focused by its 'second-instance' handler.
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  start().catch((error: unknown) => {
    console.error('[sampledex] startup failed:', error);
    app.exit(1);
  });
}
