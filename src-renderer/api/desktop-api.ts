// Desktop-only actions the Electron preload exposes as `window.sampledexDesktop` (absent in web mode).
import type { DesktopApi } from '../../src-shared/desktop.js';

export type { DesktopApi };

export function getDesktopApi(): DesktopApi | null {
  return window.sampledexDesktop ?? null;
}
