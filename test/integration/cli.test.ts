// The `sampledex` CLI as a user runs it (the built bin), on real corpus files.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { corpusEntries, repoRoot } from '../corpus.js';
import type { ExportLine } from '../../src-shared/sample.js';
import type { EvaluationReport } from '../../src-main/core/service/evaluate-labels.js';

const run = promisify(execFile);
const bin = join(repoRoot, 'bin', 'sampledex.js');
let samples: string;
let library: string;
let labels: string;
const sampledex = (...args: string[]): Promise<{ stdout: string; stderr: string }> =>
  run(process.execPath, [bin, ...args, '--library', library], { maxBuffer: 64 * 1024 * 1024 });

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'sdx-cli-'));
  samples = join(root, 'My Samples');
  library = join(root, 'library');
  mkdirSync(samples);
  const picked = corpusEntries().filter((e, i) => ['kick', 'snare', 'hihat', 'bass', 'pad', 'loop'].includes(e.category) && i % 4 === 0);
  const rows = ['path,category,source'];
  picked.forEach((e, i) => {
    copyFileSync(e.path, join(samples, basename(e.path)));
    // Every other row spelled DIR/../DIR/file, as a manifest written from a relative folder is.
    const spelled = i % 2 ? `${samples}/../${basename(samples)}/${basename(e.path)}` : join(samples, basename(e.path));
    rows.push(`${spelled},${e.category},${e.source}`);
  });
  writeFileSync(join(samples, 'not audio.wav'), 'hello');
  labels = join(root, 'labels.csv');
  writeFileSync(labels, rows.join('\n'));
});

describe('sampledex CLI', () => {
  it('index: exits 0 with a summary counting the failure, even with a broken file', async () => {
    const { stdout } = await sampledex('index', samples);
    expect(stdout).toMatch(/analysed/);
    expect(stdout).toMatch(/1 failed/);
    expect(stdout).toMatch(/not audio\.wav: /);
  });

  it('stats: the prototype shape plus more', async () => {
    const stats = JSON.parse((await sampledex('stats')).stdout) as Record<string, unknown>;
    expect(stats).toMatchObject({ total_samples: expect.any(Number), genres: expect.any(Object), embedding_dimension: expect.any(Number) });
    expect(stats.failed).toBe(1);
  });

  it('export: one JSON line per file with every documented field', async () => {
    const out = join(library, '..', 'export.jsonl');
    await sampledex('export', '--out', out);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ExportLine);
    expect(lines.length).toBe((JSON.parse((await sampledex('stats')).stdout) as { total_samples: number }).total_samples);
    for (const line of lines) {
      for (const field of ['path', 'embedding', 'kind', 'category', 'nameCategory', 'genre', 'bpm', 'key', 'note', 'durationSec', 'anomaly', 'error']) {
        expect(line, field).toHaveProperty(field);
      }
      expect(line.path.startsWith('/')).toBe(true);
      if (line.error) expect(line.embedding).toBeNull();
      else expect(line.embedding!.length).toBeGreaterThan(8);
      expect(line.anomaly).toEqual({ flagged: expect.any(Boolean), score: line.anomaly.score, reasons: expect.any(Array) });
    }
  });

  it('similar: from a library path and from an outside file, as text and JSON', async () => {
    const inside = readFileSync(labels, 'utf8').split('\n')[1].split(',')[0];
    const text = (await sampledex('similar', inside, '-n', '3')).stdout;
    expect(text.trim().split('\n')).toHaveLength(4);
    const outside = corpusEntries().find((e) => e.category === 'snare' && !readFileSync(labels, 'utf8').includes(basename(e.path)))!;
    const json = JSON.parse((await sampledex('similar', outside.path, '-n', '5', '--json')).stdout) as { results: { path: string; distance: number }[] };
    expect(json.results).toHaveLength(5);
    expect(json.results[0].distance).toBeLessThanOrEqual(json.results[4].distance);
  });

  it('evaluate: a report over the labelled files, as JSON', async () => {
    const report = JSON.parse((await sampledex('evaluate', '--labels', labels, '--json')).stdout) as EvaluationReport;
    expect(report.evaluated).toBe(report.labelled);
    expect(report.category.perClass.map((c) => c.label).sort()).toEqual(['bass', 'hihat', 'kick', 'loop', 'pad', 'snare']);
    expect(report.neighbours.precision).toBeGreaterThan(0);
    expect(report.leaveOnePackOut?.packs).toBeGreaterThan(1);
  });

  it('reports a clear error and exits 1 for an unknown command or a missing file', async () => {
    await expect(sampledex('frobnicate')).rejects.toMatchObject({ code: 1 });
    await expect(sampledex('similar', '/nope/missing.wav')).rejects.toMatchObject({ stderr: expect.stringMatching(/no such file/) });
  });
});
