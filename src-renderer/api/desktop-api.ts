// Desktop-only actions the Electron preload exposes as `window.sampledexDesktop` (absent in web mode).
// Mirrors DesktopApi in src-main/electron/desktop-api.ts, which the renderer may not import; once
// that type moves to src-shared/desktop.ts, import it from there and delete this copy.

export interface DesktopApi {
  revealInFolder(id: number): Promise<void>;
  copyPath(id: number): Promise<void>;
  /** Call from `dragstart` after preventDefault(): the OS drag carries the real file (into a DAW). */
  startDrag(id: number): void;
}

export function getDesktopApi(): DesktopApi | null {
  return window.sampledexDesktop ?? null;
}
