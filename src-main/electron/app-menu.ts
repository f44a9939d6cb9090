// A minimal menu built from Electron's roles: the standard shortcuts (quit, copy/paste in text
// fields, zoom, full screen) work and nothing app-specific hides in a menu the UI lacks.
// Dev tools appear only in development. A pure function of platform and mode, so it is tested.
import type { MenuItemConstructorOptions } from 'electron';

export function appMenuTemplate(platform: NodeJS.Platform, isDevelopment: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' },
  ];
  if (isDevelopment) view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : [{ role: 'fileMenu' } satisfies MenuItemConstructorOptions]),
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
