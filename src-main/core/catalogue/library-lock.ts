// One writer per library: an index run takes this lock so that the app's watcher, a CLI run and
// the server cannot interleave writes. Readers (search, listing) never need it: SQLite WAL lets
// them read while one process writes.
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { LibraryError } from '../../../src-shared/errors.js';

/** True while a process with this pid runs (also when it belongs to another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How long a lock file may stay empty while its creator writes its pid into it. */
const UNWRITTEN_LOCK_GRACE_MS = 2000;

function statMtimeMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0; // already gone: nothing to wait for
  }
}

export class LibraryLock {
  private constructor(private readonly file: string) {}

  /** Takes the lock or throws a `busy` LibraryError naming the process that holds it. A stale lock (dead pid) is taken over. */
  static acquire(file: string, purpose: string): LibraryLock {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx');
        writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
        closeSync(fd);
        return new LibraryLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        let holder: { pid: number; purpose: string; since: string } | null = null;
        try {
          holder = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; purpose: string; since: string };
        } catch {
          holder = null; // half-written by a process killed mid-write: stale...
          // ...unless it is brand new: another process has created it and not yet written its pid.
          // Taking it over then would let two runs write at once.
          if (Date.now() - statMtimeMs(file) < UNWRITTEN_LOCK_GRACE_MS) {
            throw new LibraryError('busy', 'library is busy: another process is starting to index it; try again when it has finished');
          }
        }
        if (holder && holder.pid !== process.pid && processAlive(holder.pid)) {
          throw new LibraryError('busy', `library is busy: process ${holder.pid} is ${holder.purpose} since ${holder.since}; try again when it has finished`);
        }
        if (holder && holder.pid === process.pid) {
          throw new LibraryError('busy', `library is busy: this process is already ${holder.purpose}`);
        }
        rmSync(file, { force: true });
      }
    }
    throw new LibraryError('busy', 'library lock could not be taken');
  }

  release(): void {
    rmSync(this.file, { force: true });
  }
}
