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

/** Stats in flight at once: enough to keep libuv's pool busy, few enough not to exhaust file handles. */
const STAT_BATCH = 64;

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
    const candidates: string[] = [];
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
          seenFiles.add(full);
          candidates.push(full);
        }
      }
    } catch (error) {
      unreadableFolders.push({ path: dir, error: describeFsError(error) });
    }
    // A folder's stats run together, not one await each: libuv's thread pool overlaps them, which
    // is most of a 100k-file re-scan's time (a sample folder holds tens to thousands of files).
    for (let start = 0; start < candidates.length; start += STAT_BATCH) {
      const batch = candidates.slice(start, start + STAT_BATCH);
      const infos = await Promise.all(batch.map((full) => stat(full).catch(() => null)));
      infos.forEach((info, i) => {
        if (info?.isFile()) files.push({ path: batch[i], sizeBytes: info.size, mtimeMs: Math.floor(info.mtimeMs) });
      });
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
