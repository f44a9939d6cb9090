// The app's "later launches pick up changes by themselves": catch-up on start, then on file events.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { corpusEntries } from '../corpus.js';
import { openLibrary } from '../../src-main/core/service/library-service.js';

describe('watchFolders', () => {
  it('catches up with changes made while closed, then follows new, changed and deleted files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sdx-watch-'));
    const samples = join(root, 'samples');
    mkdirSync(samples);
    const files = corpusEntries().filter((e) => e.source === 'lmms:drums').slice(0, 4).map((e) => e.path);
    copyFileSync(files[0], join(samples, basename(files[0])));
    const libraryDir = join(root, 'library');

    const first = await openLibrary({ libraryDir, workers: 1 });
    await first.indexFolders([samples]);
    await first.close();
    copyFileSync(files[1], join(samples, basename(files[1])));

    const library = await openLibrary({ libraryDir, workers: 1 });
    const runs: number[] = [];
    const settled = (total: number): Promise<void> =>
      new Promise((resolve) => {
        const dispose = library.onIndexProgress((p) => {
          if (p.phase === 'done' && p.total === total) {
            dispose();
            resolve();
          }
        });
      });
    library.onIndexProgress((p) => p.phase === 'done' && runs.push(p.total));
    const caughtUp = settled(2);
    const stop = library.watchFolders((error) => {
      throw error;
    });
    await caughtUp;
    expect((await library.stats()).total_samples).toBe(2);

    const added = settled(4);
    copyFileSync(files[2], join(samples, basename(files[2])));
    mkdirSync(join(samples, 'new pack'));
    copyFileSync(files[3], join(samples, 'new pack', basename(files[3])));
    await added;
    expect((await library.stats()).total_samples).toBe(4);

    const removed = settled(3);
    rmSync(join(samples, basename(files[0])));
    await removed;
    expect((await library.stats()).total_samples).toBe(3);
    stop();
    await library.close();
  });
});
