// The sandboxed preload (STYLE.md §3): exposes `window.sampledex` (LibraryApi) and
// `window.sampledexDesktop` (DesktopApi) and nothing else; ipcRenderer stays in here.
// Sandboxed preloads run as CommonJS scripts: electron-vite must emit this entry as cjs.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createDesktopBridge, createLibraryBridge } from './preload-bridge.js';

contextBridge.exposeInMainWorld('sampledex', createLibraryBridge(ipcRenderer));
contextBridge.exposeInMainWorld('sampledexDesktop', createDesktopBridge(ipcRenderer, webUtils));
