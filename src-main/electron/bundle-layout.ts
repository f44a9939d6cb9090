// Where the built pieces sit relative to the main bundle (electron-vite: out/{main,preload,renderer})
// and where bundled resources sit (repo `resources/` in dev, `<resourcesPath>/resources` packaged,
// per electron-builder.yml's extraResources). Electron-free, so the layout is tested.
import { join } from 'node:path';

/** Sandboxed preloads must be CommonJS: `.cjs` when the package is "type": "module", else `.js`. */
const PRELOAD_CANDIDATES = ['index.cjs', 'index.js'];

export function rendererIndexHtml(mainBundleDir: string): string {
  return join(mainBundleDir, '..', 'renderer', 'index.html');
}

export function preloadScriptPath(mainBundleDir: string, exists: (path: string) => boolean): string {
  const preloadDir = join(mainBundleDir, '..', 'preload');
  const found = PRELOAD_CANDIDATES.map((name) => join(preloadDir, name)).find(exists);
  if (!found) throw new Error(`preload bundle not found in ${preloadDir} (expected ${PRELOAD_CANDIDATES.join(' or ')}, built as CommonJS)`);
  return found;
}

export interface ResourceLocation {
  isPackaged: boolean;
  /** process.resourcesPath: the packaged app's resources folder. */
  resourcesPath: string;
  /** app.getAppPath(): the project root when run by `electron-vite dev` / `preview`. */
  appPath: string;
}

export function bundledResourcesDir(location: ResourceLocation): string {
  return location.isPackaged ? join(location.resourcesPath, 'resources') : join(location.appPath, 'resources');
}

export const DRAG_ICON_FILE = 'drag-icon.png';
