import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileIfChanged } from './render.js';

describe('writeFileIfChanged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sampledex-render-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves a file holding the same bytes alone, so its mtime (the analysis cache key) holds', () => {
    const path = join(dir, 'a.wav');
    expect(writeFileIfChanged(path, Uint8Array.of(1, 2, 3))).toBe(true);
    utimesSync(path, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const before = statSync(path).mtimeMs;
    expect(writeFileIfChanged(path, Uint8Array.of(1, 2, 3))).toBe(false);
    expect(statSync(path).mtimeMs).toBe(before);
    expect(writeFileIfChanged(path, Uint8Array.of(1, 2, 4))).toBe(true);
    expect([...readFileSync(path)]).toEqual([1, 2, 4]);
  });
});
