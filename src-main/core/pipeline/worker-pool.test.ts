import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { repoRoot } from '../../../test/corpus.js';
import { WorkerPool, WorkerTaskError } from './worker-pool.js';

type EchoApi = {
  echo: (value: string) => Promise<string>;
  fail: (value: string) => Promise<never>;
  crash: () => Promise<never>;
  hang: () => Promise<never>;
  slow: (value: number) => Promise<number>;
};

const script = join(repoRoot, 'test', 'fixtures', 'echo-worker.mjs');
let pool: WorkerPool<EchoApi> | null = null;
afterEach(async () => pool?.close());

describe('WorkerPool', () => {
  it('answers calls from every worker in order of the caller, more calls than workers', async () => {
    pool = new WorkerPool<EchoApi>({ script, size: 2 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => pool!.call('slow', [i])));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('turns an error in the worker into a rejected call and goes on', async () => {
    pool = new WorkerPool<EchoApi>({ script, size: 1 });
    await expect(pool.call('fail', ['bad file'])).rejects.toThrow('failed: bad file');
    await expect(pool.call('echo', ['next'])).resolves.toBe('next');
  });

  it('replaces a worker that crashes, failing only its own task', async () => {
    pool = new WorkerPool<EchoApi>({ script, size: 1 });
    const crashed = pool.call('crash', []);
    const after = pool.call('echo', ['survivor']);
    await expect(crashed).rejects.toBeInstanceOf(WorkerTaskError);
    await expect(after).resolves.toBe('survivor');
  });

  it('stops a task that hangs after the timeout and keeps serving', async () => {
    pool = new WorkerPool<EchoApi>({ script, size: 1, taskTimeoutMs: 300 });
    await expect(pool.call('hang', [])).rejects.toThrow(/longer than/);
    await expect(pool.call('echo', ['alive'])).resolves.toBe('alive');
  });
});
