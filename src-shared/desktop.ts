// What the preload puts on `window.sampledexDesktop`: shell actions on a catalogued sample, named
// by id only. The main process resolves the id to the catalogued path, so a page can never ask
// the OS to reveal, copy or drag a path of its choosing. Shared so the renderer can type it.

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
}

export const DESKTOP_METHODS = ['revealInFolder', 'copyPath', 'startDrag'] as const satisfies readonly (keyof DesktopApi)[];
export type DesktopMethod = (typeof DESKTOP_METHODS)[number];

export const desktopChannel = (method: DesktopMethod): `desktop:${DesktopMethod}` => `desktop:${method}`;
