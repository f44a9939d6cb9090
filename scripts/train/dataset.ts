// Labelled audio → descriptors, with an on-disk cache so re-training does not re-analyse.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Descriptors } from '../../src-shared/sample.js';
import type { Category, Kind } from '../../src-shared/taxonomy.js';
import { decodeAudio } from '../../src-main/core/decode/index.js';
import { RESAMPLER_REVISION } from '../../src-main/core/decode/resample.js';
import { analyse, ANALYSIS_VERSION, DESCRIPTOR_NAMES } from '../../src-main/core/analyse/index.js';
import { hashString } from './render/prng.js';

export interface LabelledAudio {
  path: string;
  /** Where it came from (soundfont, corpus source, kit): the unit "cross-pack" is measured over. */
  pack: string;
  category: Category;
  kind: Kind;
  bpm: number | null;
}

export interface Example extends LabelledAudio {
  descriptors: Descriptors;
}

interface CacheEntry {
  size: number;
  mtimeMs: number;
  descriptors: Descriptors | null;
}

/** Changes whenever the analyser's descriptor set or its values (ANALYSIS_VERSION) do, so stale caches are not reused. */
export const ANALYSER_FINGERPRINT = hashString(`${DESCRIPTOR_NAMES.join(',')}@${ANALYSIS_VERSION}/resampler ${RESAMPLER_REVISION}`).toString(16);

/**
 * Where the timbre network's input for `path` is kept beside the descriptor cache at `cachePath`
 * (one raw float32 file per sound: 15 KB, too big for the JSON cache).
 */
export function timbreInputPath(cachePath: string, path: string): string {
  return join(cachePath.replace(/\.json$/, '-timbre'), `${createHash('sha1').update(path).digest('hex')}.f32`);
}

/** The timbre network inputs analyseAll kept for `paths`. */
export function loadTimbreInputs(cachePath: string, paths: readonly string[]): Map<string, Float32Array> {
  const inputs = new Map<string, Float32Array>();
  for (const path of paths) {
    const bytes = readFileSync(timbreInputPath(cachePath, path));
    inputs.set(path, new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice());
  }
  return inputs;
}

async function describe(path: string, cachePath: string, log: (line: string) => void): Promise<Descriptors | null> {
  try {
    const decoded = await decodeAudio(new Uint8Array(readFileSync(path)), basename(path));
    // No timbre network here: the networks are trained on these inputs afterwards (timbre-net.ts).
    const analysis = analyse(decoded.samples, decoded.sampleRate);
    const inputPath = timbreInputPath(cachePath, path);
    mkdirSync(join(inputPath, '..'), { recursive: true });
    writeFileSync(inputPath, analysis.timbreInput);
    return analysis.descriptors;
  } catch (error) {
    log(`  could not analyse ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** Child-process side of the parallel analysis: analyse the paths listed in `listPath`, write their cache entries to `outPath`. */
export async function analyseWorker(listPath: string, outPath: string, cachePath: string): Promise<void> {
  const paths = JSON.parse(readFileSync(listPath, 'utf8')) as string[];
  const out: Record<string, CacheEntry> = {};
  for (const path of paths) {
    const stat = statSync(path);
    out[path] = { size: stat.size, mtimeMs: stat.mtimeMs, descriptors: await describe(path, cachePath, (line) => console.error(line)) };
  }
  writeFileSync(outPath, JSON.stringify(out));
}

function runWorker(script: string, paths: readonly string[], listPath: string, outPath: string, cachePath: string): Promise<Record<string, CacheEntry>> {
  writeFileSync(listPath, JSON.stringify(paths));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--analyse-worker', listPath, outPath, cachePath], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`analysis worker exited with ${String(code)}`));
      const entries = JSON.parse(readFileSync(outPath, 'utf8')) as Record<string, CacheEntry>;
      rmSync(listPath, { force: true });
      rmSync(outPath, { force: true });
      resolve(entries);
    });
  });
}

export interface AnalyseOptions {
  /** Child processes analysing at once (the machine's cores); 1 analyses in-process. */
  workers: number;
  /** The bundled trainer, re-run with --analyse-worker. */
  workerScript: string;
}

export async function analyseAll(files: readonly LabelledAudio[], cachePath: string, log: (line: string) => void, options: AnalyseOptions = { workers: 1, workerScript: '' }): Promise<{ examples: Example[]; failed: string[] }> {
  const cache: Record<string, CacheEntry> = existsSync(cachePath) ? (JSON.parse(readFileSync(cachePath, 'utf8')) as Record<string, CacheEntry>) : {};
  const stale = files.filter((file) => {
    const stat = statSync(file.path);
    const entry = cache[file.path];
    return !entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs || (entry.descriptors !== null && !existsSync(timbreInputPath(cachePath, file.path)));
  });
  if (stale.length > 0) {
    log(`  analysing ${stale.length} new or changed files`);
    // Chunks of 400 so progress is saved to the cache as it goes; each chunk is dealt round-robin to the workers.
    for (let start = 0; start < stale.length; start += 400) {
      const chunk = stale.slice(start, start + 400).map((f) => f.path);
      if (options.workers > 1) {
        const parts = Array.from({ length: options.workers }, (_, w) => chunk.filter((_, i) => i % options.workers === w)).filter((p) => p.length > 0);
        const results = await Promise.all(parts.map((part, w) => runWorker(options.workerScript, part, `${cachePath}.list-${w}`, `${cachePath}.part-${w}`, cachePath)));
        for (const result of results) Object.assign(cache, result);
      } else {
        for (const path of chunk) {
          const stat = statSync(path);
          cache[path] = { size: stat.size, mtimeMs: stat.mtimeMs, descriptors: await describe(path, cachePath, log) };
        }
      }
      writeFileSync(cachePath, JSON.stringify(cache));
      log(`  analysed ${Math.min(start + 400, stale.length)}/${stale.length}`);
    }
  }
  const examples: Example[] = [];
  const failed: string[] = [];
  for (const file of files) {
    const entry = cache[file.path];
    if (entry?.descriptors) examples.push({ ...file, descriptors: entry.descriptors });
    else failed.push(file.path);
  }
  return { examples, failed };
}
