// The shell's remaining decisions: which URLs are the app, which permissions it gets, where the
// bundles and resources sit, and the menu.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../src-main/electron/app-menu.js';
import { createAppUrlMatcher, isPermissionGranted, rendererEntryUrl } from '../../src-main/electron/app-url.js';
import { bundledResourcesDir, preloadScriptPath, rendererIndexHtml } from '../../src-main/electron/bundle-layout.js';

describe('app URL', () => {
  it('is the dev server in development, else the built index.html as a file URL', () => {
    expect(rendererEntryUrl('http://localhost:5173', '/x/out/renderer/index.html')).toBe('http://localhost:5173');
    expect(rendererEntryUrl(undefined, '/x/out/renderer/index.html')).toBe('file:///x/out/renderer/index.html');
  });

  it('packaged: matches exactly the entry file, ignoring query and hash', () => {
    const isApp = createAppUrlMatcher('file:///opt/Sampledex/out/renderer/index.html');
    expect(isApp('file:///opt/Sampledex/out/renderer/index.html')).toBe(true);
    expect(isApp('file:///opt/Sampledex/out/renderer/index.html?view=anomalies#top')).toBe(true);
    expect(isApp('file:///home/user/Downloads/evil.html')).toBe(false);
    expect(isApp('file:///opt/Sampledex/out/renderer/other.html')).toBe(false);
    expect(isApp('https://example.com/')).toBe(false);
    expect(isApp('not a url')).toBe(false);
  });

  it('development: matches the dev server origin only', () => {
    const isApp = createAppUrlMatcher('http://localhost:5173/');
    expect(isApp('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isApp('http://localhost:5174/')).toBe(false);
    expect(isApp('http://127.0.0.1:5173/')).toBe(false);
    expect(isApp('file:///etc/passwd')).toBe(false);
  });

  it('grants only clipboard text writes, and only to the app', () => {
    const isApp = createAppUrlMatcher('http://localhost:5173/');
    expect(isPermissionGranted('clipboard-sanitized-write', 'http://localhost:5173/', isApp)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://example.com/', isApp)).toBe(false);
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read', 'fullscreen']) {
      expect(isPermissionGranted(permission, 'http://localhost:5173/', isApp)).toBe(false);
    }
  });
});

describe('bundle layout', () => {
  const mainDir = join('/app', 'out', 'main');

  it('finds the renderer and the CommonJS preload beside the main bundle', () => {
    expect(rendererIndexHtml(mainDir)).toBe(join('/app', 'out', 'renderer', 'index.html'));
    expect(preloadScriptPath(mainDir, (path) => path.endsWith('index.cjs'))).toBe(join('/app', 'out', 'preload', 'index.cjs'));
    expect(preloadScriptPath(mainDir, (path) => path.endsWith('index.js'))).toBe(join('/app', 'out', 'preload', 'index.js'));
  });

  it('refuses an ES-module-only preload, which a sandboxed renderer cannot run', () => {
    expect(() => preloadScriptPath(mainDir, (path) => path.endsWith('index.mjs'))).toThrow(/CommonJS/);
  });

  it('reads resources from the repo in development and from resourcesPath when packaged', () => {
    expect(bundledResourcesDir({ isPackaged: false, resourcesPath: '/electron/resources', appPath: '/repo' })).toBe(join('/repo', 'resources'));
    expect(bundledResourcesDir({ isPackaged: true, resourcesPath: '/opt/Sampledex/resources', appPath: '/x' }))
      .toBe(join('/opt/Sampledex/resources', 'resources'));
  });
});

describe('menu', () => {
  const roles = (template: ReturnType<typeof appMenuTemplate>): unknown[] =>
    template.flatMap((item) => [item.role, ...(Array.isArray(item.submenu) ? item.submenu.map((sub) => sub.role) : [])]).filter(Boolean);

  it('has the app menu on macOS, a file menu elsewhere, and dev tools only in development', () => {
    expect(roles(appMenuTemplate('darwin', false))).toContain('appMenu');
    expect(roles(appMenuTemplate('linux', false))).toContain('fileMenu');
    expect(roles(appMenuTemplate('win32', false))).not.toContain('toggleDevTools');
    expect(roles(appMenuTemplate('win32', true))).toContain('toggleDevTools');
    expect(roles(appMenuTemplate('linux', false))).toEqual(expect.arrayContaining(['editMenu', 'windowMenu']));
  });
});
