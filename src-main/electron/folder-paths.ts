// Folders the user hands the app (picked in the OS dialog or dropped on the window) are checked
// here before they reach the indexer. validate-args checks their shape (absolute, no NUL, length)
// everywhere; only main can ask the disk whether a path really is a folder, so a dropped file or a
// path that vanished is refused with a message instead of being indexed as a root.
import { statSync } from 'node:fs';
import { LibraryError } from '../../src-shared/errors.js';
import { isAbsolutePath } from '../../src-shared/validate-args.js';

export type IsDirectory = (path: string) => boolean;

export function isDirectoryOnDisk(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isAbsoluteFolder(path: string, isDirectory: IsDirectory): boolean {
  return path.length > 0 && !path.includes('\0') && isAbsolutePath(path) && isDirectory(path);
}

/** The absolute folders among `paths`, in order, without repeats (a picker's answer). */
export function absoluteFolders(paths: readonly string[], isDirectory: IsDirectory): string[] {
  return [...new Set(paths)].filter((path) => isAbsoluteFolder(path, isDirectory));
}

/** Throws bad_request naming the first path that is not an absolute folder (a dropped file, say). */
export function requireAbsoluteFolders(paths: readonly string[], isDirectory: IsDirectory): void {
  const bad = paths.find((path) => !isAbsoluteFolder(path, isDirectory));
  if (bad !== undefined) throw new LibraryError('bad_request', `not a folder: ${bad}`);
}
