// The server over the real LibraryService: index a few corpus files through the HTTP API, then
// search, browse, stream and tag them the way the prototype's clients and the web app do.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexProgress, IndexSummary, SamplePage } from '../../src-shared/api.js';
import type { SampleRecord, SearchHit } from '../../src-shared/sample.js';
import { corpusEntries } from '../../test/corpus.js';
import { openLibrary, type LibraryService } from '../core/service/library-service.js';
import { startServer, type RunningServer } from './server.js';
import type { SearchResponse } from './search-response.js';
import { describeLoad, runLoad } from './test/search-load.js';

const PER_CATEGORY = 2;
/** Real decodes are costly on a shared 2-core box; SAMPLEDEX_LOAD_REQUESTS=1000 runs the full load. */
const LOAD_REQUESTS = Number(process.env.SAMPLEDEX_LOAD_REQUESTS ?? 64);
const LOAD_CLIENTS = 16;

let root: string;
let samplesDir: string;
let library: LibraryService;
let server: RunningServer;
const copied: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sampledex-server-real-'));
  samplesDir = join(root, 'samples');
  const perCategory = new Map<string, number>();
  for (const entry of corpusEntries()) {
    const count = perCategory.get(entry.category) ?? 0;
    if (count >= PER_CATEGORY) continue;
    perCategory.set(entry.category, count + 1);
    const dir = join(samplesDir, entry.category);
    mkdirSync(dir, { recursive: true });
    const target = join(dir, basename(entry.path));
    copyFileSync(entry.path, target);
    copied.push(target);
  }
  library = await openLibrary({ libraryDir: join(root, 'library'), workers: 1 });
  server = await startServer({ api: library, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await library?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function postJson<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

function uploadForm(path: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(path)]), basename(path));
  return form;
}

describe('server over the real library', () => {
  it('indexes through /api/call/indexFolders and streams progress over /api/events', async () => {
    const abort = new AbortController();
    const events = await fetch(`${server.url}/api/events`, { signal: abort.signal });
    const reader = events.body!.getReader();
    const phases: string[] = [];
    const collecting = (async () => {
      const decoder = new TextDecoder();
      let buffered = '';
      while (!phases.includes('done')) {
        const { value, done } = await reader.read();
        if (done) return;
        buffered += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const message = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = /^event: indexProgress\ndata: (.*)$/m.exec(message);
          if (data) phases.push((JSON.parse(data[1]) as IndexProgress).phase);
        }
      }
    })();

    const { status, body } = await postJson<{ result: IndexSummary }>('/api/call/indexFolders', { args: [[samplesDir]] });
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ phase: 'done', total: copied.length, failed: 0 });
    await collecting;
    abort.abort();
    expect(phases[0]).toBe('scanning');
    expect(phases).toContain('done');

    const stats = (await (await fetch(`${server.url}/stats`)).json()) as { total_samples: number; embedding_dimension: number; genres: Record<string, number> };
    expect(stats.total_samples).toBe(copied.length);
    expect(stats.embedding_dimension).toBeGreaterThan(8);
    expect(typeof stats.genres).toBe('object');
  });

  it('POST /search finds an indexed file itself first, at distance ~0', async () => {
    const query = copied[0];
    const res = await fetch(`${server.url}/search?n_results=3`, { method: 'POST', body: uploadForm(query) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchResponse;
    expect(body.results).toHaveLength(3);
    expect(body.results[0].path).toBe(query);
    expect(body.results[0].distance).toBeLessThan(1e-3);
    expect(body.query).toEqual({ filename: basename(query), sizeBytes: readFileSync(query).length, n_results: 3 });
    const distances = body.results.map((r) => r.distance);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  });

  it('POST /search answers 422 for bytes that are not audio', async () => {
    const form = new FormData();
    form.append('file', new Blob(['definitely not audio '.repeat(50)]), 'notes.mp3');
    const res = await fetch(`${server.url}/search`, { method: 'POST', body: form });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_audio');
  });

  it('works with the prototype\'s curl command line', async (context) => {
    const curl = ['/usr/bin/curl', '/bin/curl'].find((path) => existsSync(path));
    if (!curl) context.skip();
    const { stdout } = await promisify(execFile)(curl!, ['-sS', '-X', 'POST', '-F', `file=@${copied[1]}`, `${server.url}/search?n_results=5`]);
    const body = JSON.parse(stdout) as SearchResponse;
    expect(body.results).toHaveLength(5);
    expect(body.results[0].path).toBe(copied[1]);
  });

  it('browses, streams, finds neighbours and tags through the REST routes', async () => {
    const page = (await (await fetch(`${server.url}/api/samples?limit=4&sort=name`)).json()) as SamplePage;
    expect(page.total).toBe(copied.length);
    expect(page.items).toHaveLength(4);
    const sample = page.items[0];

    const one = (await (await fetch(`${server.url}/api/samples/${sample.id}`)).json()) as SampleRecord;
    expect(one.path).toBe(sample.path);

    const audio = await fetch(`${server.url}/api/samples/${sample.id}/audio`);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe(extname(sample.path) === '.flac' ? 'audio/flac' : 'audio/ogg');
    expect(Buffer.from(await audio.arrayBuffer()).equals(readFileSync(sample.path))).toBe(true);
    const range = await fetch(`${server.url}/api/samples/${sample.id}/audio`, { headers: { Range: 'bytes=4-11' } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).equals(readFileSync(sample.path).subarray(4, 12))).toBe(true);
    expect((await fetch(`${server.url}/api/samples/987654/audio`)).status).toBe(404);

    const similar = (await (await fetch(`${server.url}/api/samples/${sample.id}/similar?n=3`)).json()) as SearchHit[];
    expect(similar).toHaveLength(3);
    expect(similar.some((hit) => hit.sample.id === sample.id)).toBe(false);

    const tagged = await fetch(`${server.url}/api/samples/${sample.id}/tags`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tags: ['dark', 'dark', ' 808 '] }),
    });
    expect(((await tagged.json()) as SampleRecord).tags).toEqual(['dark', '808']);
    expect((await fetch(`${server.url}/api/samples/987654`)).status).toBe(404);

    const anomalies = await fetch(`${server.url}/api/anomalies`);
    expect(anomalies.status).toBe(200);
    expect(((await anomalies.json()) as SamplePage).items.every((s) => s.anomaly.flagged)).toBe(true);
  });

  it(`answers ${LOAD_REQUESTS} real searches from ${LOAD_CLIENTS} concurrent clients`, async () => {
    const query = copied[2];
    const bytes = new Blob([readFileSync(query)]);
    const report = await runLoad(LOAD_REQUESTS, LOAD_CLIENTS, () => ({
      expectStatus: 200,
      send() {
        const form = new FormData();
        form.append('file', bytes, basename(query));
        return fetch(`${server.url}/search?n_results=5`, { method: 'POST', body: form });
      },
      check(body) {
        const { results } = body as SearchResponse;
        if (results.length !== 5 || results[0].path !== query) throw new Error('wrong nearest neighbour');
      },
    }));
    console.log(describeLoad(`POST /search (real library, ${basename(query)}, ${readFileSync(query).length} bytes)`, report));
    expect(report.failures).toEqual([]);
  });
});
