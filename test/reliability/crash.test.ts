// Power-loss style crash safety of `sampledex index`: the real CLI is killed with SIGKILL at seeded
// moments (starting up and scanning, mid-analysis, and after the last file is committed while it
// refreshes anomalies, saves the vector index and labels genres), the folder is edited between
// some runs, and a last run to completion must leave a catalogue that matches the folder exactly:
// every file once, failures with reasons, a sound SQLite file, and a vector index that answers as
// one rebuilt from the catalogue. CRASH_ITERATIONS raises the number of kills (default 12).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { ExportLine } from '../../src-shared/sample.js';
import { openLibrary } from '../../src-main/core/service/library-service.js';
import { buildCli, runCli, startCli, type Finished } from './cli-build.js';
import { createRandom } from '../../src-shared/seeded-random.js';
import { filesUnder, fillSampleFolder, perturbFolder, pickCorpusFiles } from './sample-folder.js';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 12);
const CORPUS_FILES = 60;
const random = createRandom(4242);

let cli: string;
let root: string;
let samples: string;
let library: string;
let failing: string[];
const spares = pickCorpusFiles(12, CORPUS_FILES);

beforeAll(async () => {
  cli = await buildCli('crash');
  root = mkdtempSync(join(tmpdir(), 'sdx-crash-'));
  samples = join(root, 'samples');
  library = join(root, 'library');
  mkdirSync(samples, { recursive: true });
  ({ failing } = fillSampleFolder(samples, pickCorpusFiles(CORPUS_FILES)));
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A read-only look at the catalogue the CLI is writing (WAL: readers never block the writer). */
function peek<T>(read: (db: Database.Database) => T): T | null {
  const file = join(library, 'catalogue.sqlite');
  if (!existsSync(file)) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return read(db);
  } catch {
    return null; // created but not yet initialised by the CLI
  } finally {
    db?.close();
  }
}

const generation = (): number => peek((db) => Number((db.prepare("SELECT value FROM meta WHERE key = 'embedding_generation'").get() as { value: string } | undefined)?.value ?? 0)) ?? 0;

/** True once every file in the folder has a row with its current size and mtime: analysis is over, the run is finishing. */
function caughtUp(): boolean {
  const rows = peek((db) => db.prepare('SELECT path, size_bytes, mtime_ms FROM samples').all() as { path: string; size_bytes: number; mtime_ms: number }[]);
  if (!rows) return false;
  const byPath = new Map(rows.map((r) => [r.path, r]));
  return filesUnder(samples).every((file) => {
    const row = byPath.get(file);
    const info = statSync(file);
    return !!row && row.size_bytes === info.size && row.mtime_ms === Math.floor(info.mtimeMs);
  });
}

async function until(condition: () => boolean, exited: () => boolean): Promise<void> {
  while (!condition() && !exited()) await sleep(5);
}

type Moment = 'startup/scan' | 'analysis' | 'finishing';

/** Starts an index run and SIGKILLs it at a seeded moment of the given phase (or lets it finish if it gets there first). */
async function killDuring(moment: Moment): Promise<{ result: Finished; note: string }> {
  const run = startCli(cli, ['index', samples, '--library', library, '--workers', '2']);
  let exited = false;
  void run.done.then(() => (exited = true));
  const startGeneration = generation();
  let note = '';
  if (moment === 'startup/scan') {
    await sleep(Math.floor(random() * 450));
  } else if (moment === 'analysis') {
    const commits = 1 + Math.floor(random() * 6);
    await until(() => generation() >= startGeneration + commits, () => exited);
    note = `after ${generation() - startGeneration} commits`;
  } else {
    await until(caughtUp, () => exited);
    const delay = Math.floor(random() * 300);
    await sleep(delay);
    note = `${delay} ms after the last file was committed`;
  }
  run.child.kill('SIGKILL');
  return { result: await run.done, note };
}

function integrity(): string {
  return peek((db) => (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ')) ?? 'no catalogue';
}

describe('index runs killed at random moments', () => {
  it(`end in a consistent library after ${ITERATIONS} SIGKILLs and edits between runs`, async () => {
    const log: string[] = [];
    const moments: Moment[] = ['startup/scan', 'analysis', 'finishing'];
    let kills = 0;
    let staleLocks = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      // From the fourth run on, every third run starts on a folder that changed since the last.
      const edits = i >= 3 && i % 3 === 0 ? perturbFolder(samples, spares, 1000 + i) : [];
      const lockLeft = existsSync(join(library, 'index.lock'));
      if (lockLeft) staleLocks++;
      const moment = moments[Math.floor(random() * moments.length)];
      const { result, note } = await killDuring(moment);
      // A lock left by a killed run is stale (its pid is gone): the next run must take it over.
      expect(result.stderr, `run ${i}`).not.toMatch(/busy/);
      if (result.signal === 'SIGKILL') kills++;
      else expect(result.code, `run ${i} finished before the kill: ${result.stderr}`).toBe(0);
      expect(integrity(), `after run ${i}`).toBe('ok');
      log.push(`  run ${i}: ${moment}${note ? ` (${note})` : ''}: ${result.signal ?? `exit ${result.code}`}${lockLeft ? ', took over a stale lock' : ''}${edits.length ? `; folder edited before: ${edits.join(', ')}` : ''}`);
    }
    const final = await runCli(cli, ['index', samples, '--library', library, '--workers', '2']);
    console.log([`crash: ${ITERATIONS} runs, ${kills} killed by SIGKILL, ${staleLocks} stale locks taken over`, ...log, `  final run: exit ${final.code}: ${final.stdout.split('\n')[0]}`].join('\n'));
    expect(final.stderr).not.toMatch(/busy/);
    expect(final.code, final.stderr).toBe(0);
    expect(kills).toBeGreaterThan(ITERATIONS / 2);
    expect(existsSync(join(library, 'index.lock'))).toBe(false);

    // Every file exactly once, nothing that is not in the folder.
    const exported = await runCli(cli, ['export', '--library', library]);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as ExportLine);
    const paths = lines.map((l) => l.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect([...paths].sort()).toEqual(filesUnder(samples));
    // Failures keep their reason; everything else analysed with an embedding.
    for (const line of lines) {
      if (failing.includes(line.path)) expect(line.error, line.path).toMatch(/\w{4,}/);
      else {
        expect(line.error, line.path).toBeNull();
        expect(line.embedding?.length, line.path).toBeGreaterThan(0);
      }
    }
    expect(integrity()).toBe('ok');

    // The saved vector index mirrors the final catalogue (so it is loaded, not rebuilt)...
    const stamp = JSON.parse(readFileSync(join(library, 'vectors.hnsw.json'), 'utf8')) as { generation: number; count: number };
    expect(stamp.generation).toBe(generation());
    expect(stamp.count).toBe(lines.filter((l) => l.embedding).length);
    // ...and answers as one rebuilt from the catalogue alone.
    const rebuiltDir = join(root, 'rebuilt');
    mkdirSync(rebuiltDir);
    for (const name of readdirSync(library).filter((n) => n.startsWith('catalogue.sqlite'))) cpSync(join(library, name), join(rebuiltDir, name));
    const persisted = await openLibrary({ libraryDir: library, workers: 1 });
    const rebuilt = await openLibrary({ libraryDir: rebuiltDir, workers: 1 });
    try {
      const { items } = await persisted.listSamples({ limit: 10_000 });
      const analysed = items.filter((s) => s.error === null);
      expect(analysed.length).toBe(stamp.count);
      for (const sample of analysed) {
        // Equal distances (identical audio) may come in either order: compare in (distance, path) order.
        const answer = (hits: { sample: { path: string }; distance: number }[]): string[] =>
          hits.map((h) => `${h.distance.toFixed(5)} ${h.sample.path}`).sort();
        const fromDisk = answer(await persisted.similarToSample(sample.id, { n: 8 }));
        const fromCatalogue = answer(await rebuilt.similarToSample(sample.id, { n: 8 }));
        expect(fromDisk, sample.path).toEqual(fromCatalogue);
      }
    } finally {
      await persisted.close();
      await rebuilt.close();
    }
  }, 600_000);
});
