// Stage 1 of the pipeline: find the audio files under the library's folders.
// Only stat() happens here, so a re-scan of an unchanged 100k-file library costs no decoding.
import { opendir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isAudioFileName } from '../decode/index.js';

export interface ScannedFile {
  path: string;
  sizeBytes: number;
  mtimeMs: number;
}

export interface ScanProblem {
  path: string;
  error: string;
}

export interface ScanResult {
  files: ScannedFile[];
  /** Folders that could not be read (permissions, vanished mid-scan); their files are not treated as deleted. */
  unreadableFolders: ScanProblem[];
}

/**
 * Walks folders recursively, following symlinks but visiting each real directory once, so symlink
 * cycles end. Extensions match case-insensitively; other files are ignored, not errors.
 */
export async function scanFolders(roots: readonly string[]): Promise<ScanResult> {
  const files: ScannedFile[] = [];
  const unreadableFolders: ScanProblem[] = [];
  const visitedRealDirs = new Set<string>();
  const seenFiles = new Set<string>();

  async function walk(dir: string): Promise<void> {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      unreadableFolders.push({ path: dir, error: describeFsError(error) });
      return;
    }
    if (visitedRealDirs.has(real)) return;
    visitedRealDirs.add(real);

    let handle;
    try {
      handle = await opendir(dir);
    } catch (error) {
      unreadableFolders.push({ path: dir, error: describeFsError(error) });
      return;
    }
    const subdirs: string[] = [];
    try {
      for await (const entry of handle) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
          subdirs.push(full);
        } else if (entry.isFile() || entry.isSymbolicLink()) {
          if (entry.isSymbolicLink()) {
            // A link may point at a folder (walk it) or a file (index it under the link's path).
            const target = await stat(full).catch(() => null);
            if (!target) continue;
            if (target.isDirectory()) {
              subdirs.push(full);
              continue;
            }
          }
          if (!isAudioFileName(entry.name) || seenFiles.has(full)) continue;
          const info = await stat(full).catch(() => null);
          if (!info || !info.isFile()) continue;
          seenFiles.add(full);
          files.push({ path: full, sizeBytes: info.size, mtimeMs: Math.floor(info.mtimeMs) });
        }
      }
    } catch (error) {
      unreadableFolders.push({ path: dir, error: describeFsError(error) });
    }
    for (const sub of subdirs) await walk(sub);
  }

  for (const root of roots) await walk(resolve(root));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, unreadableFolders };
}

/** A short reason a person understands, from a Node fs error. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file or folder';
    case 'ENOTDIR':
      return 'not a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error reading the disk';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
