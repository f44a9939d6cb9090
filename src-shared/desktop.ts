// What the preload puts on `window.sampledexDesktop`: shell actions on a catalogued sample, named
// by id only, and the two ways a desktop user hands the app folders (a picker, a drop). The main
// process resolves ids to catalogued paths, so a page can never ask the OS to reveal, copy or drag
// a path of its choosing. Shared so the renderer can type it.

export interface DesktopApi {
  /** Opens the OS file manager with the sample's file selected. */
  revealInFolder(id: number): Promise<void>;
  /** Puts the sample's absolute path on the clipboard. */
  copyPath(id: number): Promise<void>;
  /**
   * Starts an OS drag of the sample's file (into a DAW, a folder…). Call it from a `dragstart`
   * handler after `event.preventDefault()`; fire-and-forget, because the drag must begin while
   * the mouse button is still down.
   */
  startDrag(id: number): void;
  /**
   * The OS folder picker (several folders at once), parented to the window. Resolves with the
   * chosen folders' absolute paths, checked in main to be folders; [] when cancelled.
   */
  pickFolders(): Promise<string[]>;
  /**
   * The absolute path of a File the user dropped on the window ('' for one that has none, e.g. a
   * File built by the page). A sandboxed page cannot read File.path, so the preload asks Electron.
   * Local to the preload: no IPC.
   */
  pathForFile(file: File): string;
}

/** The DesktopApi methods that cross IPC, one `desktop:<method>` channel each. */
export const DESKTOP_IPC_METHODS = ['revealInFolder', 'copyPath', 'startDrag', 'pickFolders'] as const satisfies readonly (keyof DesktopApi)[];
export type DesktopIpcMethod = (typeof DESKTOP_IPC_METHODS)[number];

/** Everything window.sampledexDesktop has: the IPC methods and the preload-local pathForFile. */
export const DESKTOP_METHODS = [...DESKTOP_IPC_METHODS, 'pathForFile'] as const satisfies readonly (keyof DesktopApi)[];
export type DesktopMethod = (typeof DESKTOP_METHODS)[number];

export const desktopChannel = (method: DesktopIpcMethod): `desktop:${DesktopIpcMethod}` => `desktop:${method}`;
