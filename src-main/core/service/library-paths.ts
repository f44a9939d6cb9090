// Where a library lives on disk.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface LibraryFiles {
  dir: string;
  catalogue: string;
  vectors: string;
  lock: string;
}

export function libraryFiles(dir: string): LibraryFiles {
  return { dir, catalogue: join(dir, 'catalogue.sqlite'), vectors: join(dir, 'vectors.hnsw'), lock: join(dir, 'index.lock') };
}

/** The user's app-data folder, as Electron's app.getPath('userData') would choose it; SAMPLEDEX_LIBRARY overrides. */
export function defaultLibraryDir(): string {
  if (process.env.SAMPLEDEX_LIBRARY) return process.env.SAMPLEDEX_LIBRARY;
  const home = homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Sampledex', 'library');
    case 'win32':
      return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Sampledex', 'library');
    default:
      return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'sampledex', 'library');
  }
}
