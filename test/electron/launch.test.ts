// Launches the built app with Playwright's Electron driver where an Electron binary exists. Here
// the binary download is denied, so this skips loudly rather than pretending to have run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The `electron` package exports the binary's path, and throws when its postinstall never fetched it. */
function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const builtMain = ['index.js', 'index.mjs'].map((name) => join(projectRoot, 'out', 'main', name)).find((path) => existsSync(path));

if (!binary) console.warn('Electron binary not installed (download not possible here): launch test skipped');
else if (!builtMain) console.warn('Electron app not built (out/main missing; run `npx electron-vite build`): launch test skipped');

describe('Electron app launch', () => {
  it.skipIf(!binary || !builtMain)('opens the Sampledex window with only the API exposed', async () => {
    const { _electron } = await import('playwright-core');
    const libraryDir = mkdtempSync(join(tmpdir(), 'sampledex-launch-'));
    const app = await _electron.launch({
      executablePath: binary!,
      args: [projectRoot],
      cwd: projectRoot,
      env: { ...process.env, SAMPLEDEX_LIBRARY: libraryDir },
    });
    try {
      const window = await app.firstWindow();
      await window.waitForLoadState('domcontentloaded');
      expect(await window.title()).toMatch(/Sampledex/);
      const exposed = await window.evaluate(() => {
        const page = window as unknown as Record<string, unknown>;
        return {
          api: Object.keys((page.sampledex as object | undefined) ?? {}).sort(),
          desktop: Object.keys((page.sampledexDesktop as object | undefined) ?? {}).sort(),
          require: typeof page.require,
          process: typeof page.process,
          ipcRenderer: typeof page.ipcRenderer,
        };
      });
      expect(exposed.api).toContain('onIndexProgress');
      expect(exposed.desktop).toEqual(['copyPath', 'revealInFolder', 'startDrag']);
      expect([exposed.require, exposed.process, exposed.ipcRenderer]).toEqual(['undefined', 'undefined', 'undefined']);
    } finally {
      await app.close();
      rmSync(libraryDir, { recursive: true, force: true });
    }
  });
});
