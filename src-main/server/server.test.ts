// Every endpoint and error path of the HTTP server, against an in-memory library.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IndexProgress } from '../../src-shared/api.js';
import { encodeArgs } from '../../src-shared/transport.js';
import { startServer, type RunningServer } from './server.js';
import { ROUTES } from './routes.js';
import { FakeLibrary, FAKE_WAV } from './test/fake-library.js';
import { multipartBody, repeatChunks, sendRawBytes, sendStreamed } from './test/http-client.js';

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function uploadForm(content: Buffer, fileName = 'query.wav', field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new Blob([content]), fileName);
  return form;
}

async function errorCode(res: Response): Promise<string> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(typeof body.error.message).toBe('string');
  return body.error.code;
}

describe('HTTP server (API mode)', () => {
  let library: FakeLibrary;
  let server: RunningServer;
  const reported: unknown[] = [];

  beforeAll(async () => {
    library = new FakeLibrary(8);
    server = await startServer({
      api: library,
      port: 0,
      maxUploadBytes: 256 * 1024,
      heartbeatMs: 50,
      onError: (error) => reported.push(error),
    });
  });
  afterAll(async () => {
    await server.close();
    library.dispose();
  });

  const get = (path: string, init?: RequestInit): Promise<Response> => fetch(`${server.url}${path}`, init);
  const postJson = (path: string, body: unknown, method = 'POST'): Promise<Response> =>
    fetch(`${server.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  describe('prototype endpoints', () => {
    it('binds loopback and reports its URL', () => {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    });

    it('GET / describes the service as JSON for curl, scripts and browsers alike when there is no web app', async () => {
      for (const accept of [undefined, '*/*', 'application/json', 'text/html,application/xhtml+xml,*/*;q=0.8']) {
        const res = await get('/', accept ? { headers: { Accept: accept } } : undefined);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        const body = (await res.json()) as { name: string; version: string; endpoints: string[] };
        expect(body.name).toBe('sampledex');
        expect(body.version).toBe(packageVersion);
        expect(body.endpoints).toContain('POST /search');
        expect(body.endpoints).toContain('GET /stats');
        expect(body.endpoints).toHaveLength(ROUTES.length);
      }
    });

    it('GET /stats answers the prototype shape', async () => {
      const res = await get('/stats');
      expect(res.status).toBe(200);
      const stats = (await res.json()) as Record<string, unknown>;
      expect(Object.keys(stats).slice(0, 3)).toEqual(['total_samples', 'genres', 'embedding_dimension']);
      expect(stats.total_samples).toBe(8);
      expect(stats.genres).toEqual({ techno: 8 });
    });

    it('POST /search returns the n nearest with the prototype fields first', async () => {
      const res = await get('/search?n_results=3', { method: 'POST', body: uploadForm(FAKE_WAV, 'kick 01.wav') });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: Record<string, unknown>[]; query: Record<string, unknown> };
      expect(body.results).toHaveLength(3);
      expect(Object.keys(body.results[0])).toEqual(['path', 'distance', 'category', 'genre', 'kind', 'bpm', 'key', 'note', 'durationSec', 'id']);
      expect(body.results[0]).toMatchObject({ id: 1, distance: 0, category: 'kick', genre: 'techno', kind: 'one-shot' });
      expect(body.query).toEqual({ filename: 'kick 01.wav', sizeBytes: FAKE_WAV.length, n_results: 3 });
      expect(library.calls.at(-1)).toEqual({ method: 'similarToAudio', args: [FAKE_WAV.length, 'kick 01.wav', { n: 3 }] });
    });

    it("answers the prototype's curl command line, and curl's large uploads with 413", async (context) => {
      const curl = ['/usr/bin/curl', '/bin/curl'].find((path) => existsSync(path));
      if (!curl) context.skip();
      const run = promisify(execFile);
      const small = join(library.dir, 'query.wav');
      writeFileSync(small, FAKE_WAV);
      const { stdout } = await run(curl!, ['-sS', '-X', 'POST', '-F', `file=@${small}`, `${server.url}/search?n_results=5`]);
      const body = JSON.parse(stdout) as { results: { path: string }[]; query: { filename: string } };
      expect(body.results).toHaveLength(5);
      expect(body.query.filename).toBe('query.wav');
      // Over 1 MB curl asks "Expect: 100-continue" first and is refused before sending the file.
      const big = join(library.dir, 'big.wav');
      writeFileSync(big, Buffer.concat([FAKE_WAV, Buffer.alloc(3 * 1024 * 1024)]));
      const refused = await run(curl!, ['-sS', '-w', '\n%{http_code}', '-X', 'POST', '-F', `file=@${big}`, `${server.url}/search`]);
      expect(refused.stdout.trim().split('\n').at(-1)).toBe('413');
      expect(refused.stdout).toContain('"too_large"');
    });

    it('POST /search defaults to 5 results and passes category/kind filters on', async () => {
      const res = await get('/search?category=snare&kind=loop', { method: 'POST', body: uploadForm(FAKE_WAV) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(5);
      expect(library.calls.at(-1)?.args[2]).toEqual({ n: 5, category: 'snare', kind: 'loop' });
    });

    it('POST /search accepts very long file names (the core gets their end, with the extension)', async () => {
      const longName = `${'x'.repeat(400)}.wav`;
      const res = await get('/search', { method: 'POST', body: uploadForm(FAKE_WAV, longName) });
      expect(res.status).toBe(200);
      const passed = library.calls.at(-1)?.args[1] as string;
      expect(passed.length).toBe(255);
      expect(passed.endsWith('.wav')).toBe(true);
      expect(((await res.json()) as { query: { filename: string } }).query.filename).toBe(longName);
    });

    it('POST /search rejects n_results outside 1..100 or not an integer with 400', async () => {
      for (const n of ['0', '101', 'abc', '2.5', '', '-1']) {
        const res = await get(`/search?n_results=${n}`, { method: 'POST', body: uploadForm(FAKE_WAV) });
        expect(res.status, `n_results=${n}`).toBe(400);
        expect(await errorCode(res)).toBe('bad_request');
      }
    });

    it('POST /search without multipart is 415', async () => {
      const res = await postJson('/search', { file: 'x' });
      expect(res.status).toBe(415);
      expect(await errorCode(res)).toBe('unsupported_media_type');
    });

    it('POST /search without a "file" field is 400, an empty file is 400', async () => {
      const wrongField = await get('/search', { method: 'POST', body: uploadForm(FAKE_WAV, 'a.wav', 'audio') });
      expect(wrongField.status).toBe(400);
      const fieldsOnly = new FormData();
      fieldsOnly.append('note', 'hello');
      expect((await get('/search', { method: 'POST', body: fieldsOnly })).status).toBe(400);
      const empty = await get('/search', { method: 'POST', body: uploadForm(Buffer.alloc(0)) });
      expect(empty.status).toBe(400);
    });

    it('POST /search with bytes that are not audio is 422 from the library', async () => {
      const res = await get('/search', { method: 'POST', body: uploadForm(Buffer.from('just some text, not audio'), 'notes.txt') });
      expect(res.status).toBe(422);
      expect(await errorCode(res)).toBe('unsupported_audio');
    });
  });

  describe('uploads that go wrong', () => {
    it('refuses an upload over the limit with 413 (declared length) and keeps serving', async () => {
      const res = await get('/search', { method: 'POST', body: uploadForm(Buffer.concat([FAKE_WAV, Buffer.alloc(2 * 1024 * 1024)])) });
      expect(res.status).toBe(413);
      expect(await errorCode(res)).toBe('too_large');
      expect((await get('/stats')).status).toBe(200);
    });

    it('stops reading a chunked upload once it passes the limit, answers 413 and closes the connection', async () => {
      const boundary = 'sampledexBoundary';
      const head = multipartBody(boundary, 'file', 'huge.wav', FAKE_WAV).subarray(0, 150);
      const answer = await sendStreamed(server.url, {
        method: 'POST',
        path: '/search',
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        // 16 MB offered; the server must answer long before all of it is sent.
        chunks: [head, ...repeatChunks(Buffer.alloc(64 * 1024, 7), 256)],
      });
      expect(answer.status).toBe(413);
      expect(answer.headers.connection).toBe('close');
      expect((await get('/stats')).status).toBe(200);
    });

    it('refuses an announced oversize upload at "Expect: 100-continue" without reading it', async () => {
      const head = (length: number): string =>
        `POST /search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n` +
        `Content-Length: ${length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`;
      const refused = await sendRawBytes(server.port, head(10 * 1024 * 1024));
      expect(refused).toMatch(/^HTTP\/1.1 413/);
      expect(refused).toContain('"too_large"');
      // An acceptable size is invited to send its body; this client never does and just leaves.
      const invited = await sendRawBytes(server.port, head(1000), { endAfterWrite: true });
      expect(invited).toMatch(/^HTTP\/1.1 100 Continue/);
      expect((await get('/stats')).status).toBe(200);
    });

    it('answers 400 to malformed multipart bodies', async () => {
      const boundary = 'b0undary';
      const bodies: [string, Buffer][] = [
        ['truncated before the closing boundary', multipartBody(boundary, 'file', 'a.wav', FAKE_WAV).subarray(0, 140)],
        ['garbage', Buffer.from('this is not multipart at all')],
        ['wrong boundary', multipartBody('other', 'file', 'a.wav', FAKE_WAV)],
        ['broken part header', Buffer.from(`--${boundary}\r\nContent-Disposition\r\n\r\nxx\r\n--${boundary}--\r\n`)],
      ];
      for (const [label, body] of bodies) {
        const res = await get('/search', { method: 'POST', headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body });
        expect(res.status, label).toBe(400);
      }
      const noBoundary = await get('/search', { method: 'POST', headers: { 'Content-Type': 'multipart/form-data' }, body: 'x' });
      expect(noBoundary.status).toBe(400);
      expect((await get('/stats')).status).toBe(200);
    });

    it('survives clients that hang up mid-upload', async () => {
      const boundary = 'hangup';
      const head = multipartBody(boundary, 'file', 'a.wav', FAKE_WAV).subarray(0, 150);
      const partial = Buffer.concat([
        Buffer.from(`POST /search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 100000\r\n\r\n`),
        head,
      ]);
      const replies = await Promise.all(Array.from({ length: 8 }, () => sendRawBytes(server.port, partial, { endAfterWrite: true })));
      // Nothing to answer to a client that went away; the point is that the server is still up.
      for (const reply of replies) expect(reply === '' || reply.startsWith('HTTP/1.1 400')).toBe(true);
      expect((await get('/stats')).status).toBe(200);
    });
  });

  describe('generic API calls', () => {
    it('calls each method with decoded args and wraps the result', async () => {
      const stats = await postJson('/api/call/stats', { args: [] });
      expect(stats.status).toBe(200);
      expect(((await stats.json()) as { result: { total_samples: number } }).result.total_samples).toBe(8);

      const sample = (await (await postJson('/api/call/getSample', { args: [2] })).json()) as { result: { id: number } };
      expect(sample.result.id).toBe(2);

      const missing = (await (await postJson('/api/call/getSample', { args: [999] })).json()) as { result: unknown };
      expect(missing.result).toBeNull();

      const hits = await postJson('/api/call/similarToAudio', { args: encodeArgs([new Uint8Array(FAKE_WAV), 'q.wav', { n: 2 }]) });
      expect(hits.status).toBe(200);
      expect(((await hits.json()) as { result: unknown[] }).result).toHaveLength(2);
      expect(library.calls.at(-1)).toEqual({ method: 'similarToAudio', args: [FAKE_WAV.length, 'q.wav', { n: 2 }] });

      const favourite = await postJson('/api/call/setFavourite', { args: [4, true] });
      expect(((await favourite.json()) as { result: { favourite: boolean } }).result.favourite).toBe(true);
    });

    it('a body-less call means no arguments', async () => {
      const res = await fetch(`${server.url}/api/call/stats`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
      expect(res.status).toBe(200);
    });

    it('maps library errors to their status codes', async () => {
      const unknownId = await postJson('/api/call/getWaveform', { args: [999] });
      expect(unknownId.status).toBe(404);
      expect(await errorCode(unknownId)).toBe('not_found');
      const badArgs = await postJson('/api/call/getSample', { args: ['seven'] });
      expect(badArgs.status).toBe(400);
      const notAudio = await postJson('/api/call/similarToAudio', { args: encodeArgs([new Uint8Array([1, 2, 3, 4]), 'x.bin']) });
      expect(notAudio.status).toBe(422);
    });

    it('checks arguments with the shared validator before the library sees them', async () => {
      const relative = await postJson('/api/call/indexFolders', { args: [['samples/drums']] });
      expect(relative.status).toBe(400);
      expect((await postJson('/api/call/getSample', { args: [1, 2] })).status).toBe(400);
      expect((await postJson('/api/call/listSamples', { args: [{ colour: 'red' }] })).status).toBe(400);
      const tooManyTags = await postJson('/api/samples/1/tags', { tags: Array.from({ length: 65 }, (_, i) => `t${i}`) }, 'PUT');
      expect(tooManyTags.status).toBe(400);
      expect(library.calls.filter((call) => call.method === 'listSamples' && 'colour' in (call.args[0] as object))).toEqual([]);
    });

    it('unknown methods are 404; bad JSON, bad body shapes 400; other media types 415', async () => {
      const unknown = await postJson('/api/call/deleteEverything', { args: [] });
      expect(unknown.status).toBe(404);
      expect((await postJson('/api/call/onIndexProgress', { args: [] })).status).toBe(404);
      const badJson = await fetch(`${server.url}/api/call/stats`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"args": [' });
      expect(badJson.status).toBe(400);
      expect((await postJson('/api/call/stats', { args: 'nope' })).status).toBe(400);
      expect((await postJson('/api/call/stats', [1, 2])).status).toBe(400);
      const textPlain = await fetch(`${server.url}/api/call/stats`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"args": []}' });
      expect(textPlain.status).toBe(415);
    });

    it('a bug in the library is a 500 with no details leaked, reported once, and the server carries on', async () => {
      const original = library.stats.bind(library);
      library.stats = () => Promise.reject(new Error('secret internals at /home/user'));
      try {
        const res = await get('/stats');
        expect(res.status).toBe(500);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error).toEqual({ code: 'internal', message: 'internal server error' });
        expect(reported).toHaveLength(1);
      } finally {
        library.stats = original;
      }
      expect((await get('/stats')).status).toBe(200);
    });
  });

  describe('events', () => {
    it('streams indexProgress as SSE with heartbeats and disposes the subscription when the client leaves', async () => {
      const abort = new AbortController();
      const res = await get('/api/events', { signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await vi.waitFor(() => expect(library.listenerCount).toBe(1));

      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      await postJson('/api/call/indexFolders', { args: [['/music/drums']] });
      while (!text.includes('event: indexProgress') || !text.includes(': heartbeat')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      const event = /event: indexProgress\ndata: (.*)\n\n/.exec(text);
      expect(event).not.toBeNull();
      const progress = JSON.parse(event![1]) as IndexProgress;
      expect(progress).toMatchObject({ phase: 'analysing', currentPath: '/music/drums' });

      abort.abort();
      await vi.waitFor(() => expect(library.listenerCount).toBe(0));
    });
  });

  describe('audio', () => {
    const bytesOf = (id: number): Buffer => readFileSync(library.audioFilePath(id)!);

    it('streams the whole file with its MIME type and Accept-Ranges', async () => {
      const wav = await get('/api/samples/1/audio');
      expect(wav.status).toBe(200);
      expect(wav.headers.get('content-type')).toBe('audio/wav');
      expect(wav.headers.get('accept-ranges')).toBe('bytes');
      expect(wav.headers.get('content-length')).toBe('1000');
      expect(Buffer.from(await wav.arrayBuffer()).equals(bytesOf(1))).toBe(true);
      const flac = await get('/api/samples/2/audio');
      expect(flac.headers.get('content-type')).toBe('audio/flac');
      await flac.arrayBuffer();
    });

    it('answers single ranges with 206 and the exact bytes', async () => {
      const cases: [string, number, number][] = [
        ['bytes=10-19', 10, 19],
        ['bytes=990-', 990, 999],
        ['bytes=-10', 990, 999],
        ['bytes=995-5000', 995, 999],
        ['bytes=0-0', 0, 0],
      ];
      for (const [range, start, end] of cases) {
        const res = await get('/api/samples/3/audio', { headers: { Range: range } });
        expect(res.status, range).toBe(206);
        expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/1000`);
        expect(Buffer.from(await res.arrayBuffer()).equals(bytesOf(3).subarray(start, end + 1))).toBe(true);
      }
    });

    it('answers 416 for a range past the end and the whole file for multiple ranges', async () => {
      const past = await get('/api/samples/3/audio', { headers: { Range: 'bytes=1000-' } });
      expect(past.status).toBe(416);
      expect(past.headers.get('content-range')).toBe('bytes */1000');
      expect(await errorCode(past)).toBe('range_not_satisfiable');
      const multi = await get('/api/samples/3/audio', { headers: { Range: 'bytes=0-1,5-6' } });
      expect(multi.status).toBe(200);
      expect((await multi.arrayBuffer()).byteLength).toBe(1000);
    });

    it('answers 304 when the file has not changed since the client fetched it', async () => {
      const first = await get('/api/samples/1/audio');
      const lastModified = first.headers.get('last-modified')!;
      await first.arrayBuffer();
      const again = await get('/api/samples/1/audio', { headers: { 'If-Modified-Since': lastModified } });
      expect(again.status).toBe(304);
      const stale = await get('/api/samples/1/audio', { headers: { 'If-Modified-Since': new Date(0).toUTCString() } });
      expect(stale.status).toBe(200);
      await stale.arrayBuffer();
    });

    it('HEAD answers headers only', async () => {
      const res = await get('/api/samples/1/audio', { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBe('1000');
      expect((await res.arrayBuffer()).byteLength).toBe(0);
    });

    it('is 404 for unknown ids and files gone from disk, 400 for ids that are not numbers', async () => {
      expect((await get('/api/samples/999/audio')).status).toBe(404);
      expect((await get('/api/samples/abc/audio')).status).toBe(400);
      expect((await get('/api/samples/..%2F..%2Fetc%2Fpasswd/audio')).status).toBe(400);
      const gone = new FakeLibrary(1);
      const goneServer = await startServer({ api: gone, port: 0 });
      try {
        unlinkSync(gone.audioFilePath(1)!);
        expect((await fetch(`${goneServer.url}/api/samples/1/audio`)).status).toBe(404);
      } finally {
        await goneServer.close();
        gone.dispose();
      }
    });
  });

  describe('REST conveniences', () => {
    it('GET /api/samples maps query parameters onto listSamples', async () => {
      const res = await get('/api/samples?category=kick&genre=techno&kind=one-shot&bpmMin=120&bpmMax=130.5&key=A%20minor&text=punchy&flagged=false&tag=dark&favourites=1&failed=no&sort=bpm&offset=1&limit=2');
      expect(res.status).toBe(200);
      expect(library.calls.at(-1)).toEqual({
        method: 'listSamples',
        args: [{
          category: 'kick', genre: 'techno', kind: 'one-shot', bpmMin: 120, bpmMax: 130.5, key: 'A minor', text: 'punchy',
          flaggedOnly: false, tag: 'dark', favouritesOnly: true, failedOnly: false, sort: 'bpm', offset: 1, limit: 2,
        }],
      });
      const page = (await res.json()) as { total: number; items: { id: number }[] };
      expect(page.total).toBe(4);
      expect(page.items.map((s) => s.id)).toEqual([3, 5]);
    });

    it('GET /api/samples rejects bad parameters with 400', async () => {
      for (const query of ['category=dubstep', 'kind=long', 'bpmMin=fast', 'limit=0', 'limit=100001', 'offset=-1', 'flagged=maybe', 'sort=size', 'colour=red', 'text=']) {
        const res = await get(`/api/samples?${query}`);
        expect(res.status, query).toBe(400);
      }
    });

    it('GET /api/samples/{id}, /similar and /api/anomalies', async () => {
      const one = await get('/api/samples/5');
      expect(((await one.json()) as { id: number }).id).toBe(5);
      expect((await get('/api/samples/999')).status).toBe(404);
      const similar = await get('/api/samples/1/similar?n=2');
      const hits = (await similar.json()) as { sample: { id: number }; distance: number }[];
      expect(hits.map((hit) => hit.sample.id)).toEqual([2, 3]);
      expect((await get('/api/samples/1/similar?n=0')).status).toBe(400);
      expect((await get('/api/samples/999/similar')).status).toBe(404);
      const anomalies = (await (await get('/api/anomalies?limit=10')).json()) as { total: number; items: { id: number }[] };
      expect(anomalies.items.map((s) => s.id)).toEqual([3]);
      expect((await get('/api/anomalies?category=kick')).status).toBe(400);
    });

    it('PUT /api/samples/{id}/tags replaces tags', async () => {
      const res = await postJson('/api/samples/6/tags', { tags: ['dark', '808'] }, 'PUT');
      expect(res.status).toBe(200);
      expect(((await res.json()) as { tags: string[] }).tags).toEqual(['dark', '808']);
      expect((await postJson('/api/samples/6/tags', { tags: 'dark' }, 'PUT')).status).toBe(400);
      expect((await postJson('/api/samples/6/tags', { tags: [1] }, 'PUT')).status).toBe(400);
      expect((await postJson('/api/samples/999/tags', { tags: [] }, 'PUT')).status).toBe(404);
    });
  });

  describe('routing and protocol', () => {
    it('GET /openapi.json documents exactly the routes the server has', async () => {
      const res = await get('/openapi.json');
      const document = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(document.openapi).toBe('3.1.0');
      const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
      expect(documented.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    });

    it('unknown routes are 404 JSON; a wrong method is 405 with Allow', async () => {
      const unknown = await get('/nothing/here');
      expect(unknown.status).toBe(404);
      expect(await errorCode(unknown)).toBe('not_found');
      const wrongMethod = await get('/stats', { method: 'DELETE' });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
      expect((await get('/search')).status).toBe(405);
    });

    it('answers only Host names that mean this machine (DNS rebinding)', async () => {
      const reply = await sendRawBytes(server.port, 'GET /stats HTTP/1.1\r\nHost: evil.example:8001\r\nConnection: close\r\n\r\n');
      expect(reply).toMatch(/^HTTP\/1.1 403/);
      const local = await sendRawBytes(server.port, `GET /stats HTTP/1.1\r\nHost: localhost:${server.port}\r\nConnection: close\r\n\r\n`);
      expect(local).toMatch(/^HTTP\/1.1 200/);
    });

    it('answers malformed HTTP with 400 and stays up', async () => {
      const reply = await sendRawBytes(server.port, 'NOT HTTP AT ALL\r\n\r\n');
      expect(reply).toMatch(/^HTTP\/1.1 400/);
      expect((await get('/stats')).status).toBe(200);
    });

    it('sets defensive headers on every answer', async () => {
      const res = await get('/stats');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
    });
  });
});

describe('HTTP server timeouts', () => {
  it('drops a client that never finishes its headers with 408', async () => {
    const library = new FakeLibrary(1);
    const server = await startServer({ api: library, port: 0, headersTimeoutMs: 200, requestTimeoutMs: 400 });
    try {
      const reply = await sendRawBytes(server.port, 'GET /stats HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      expect(reply).toMatch(/^HTTP\/1.1 408/);
      expect((await fetch(`${server.url}/stats`)).status).toBe(200);
    } finally {
      await server.close();
      library.dispose();
    }
  });

  it('gives a slow answer all the time it needs: the request timeout covers only receiving the request', async () => {
    const library = new FakeLibrary(1);
    const server = await startServer({ api: library, port: 0, headersTimeoutMs: 100, requestTimeoutMs: 100 });
    const original = library.stats.bind(library);
    // Outlasts both timeouts several times over, like a long indexFolders call.
    library.stats = () => new Promise((resolve) => setTimeout(() => resolve(original()), 600));
    try {
      const res = await fetch(`${server.url}/stats`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { total_samples: number }).total_samples).toBe(1);
    } finally {
      await server.close();
      library.dispose();
    }
  });

  it('close() ends open event streams and resolves', async () => {
    const library = new FakeLibrary(1);
    const server = await startServer({ api: library, port: 0 });
    const res = await fetch(`${server.url}/api/events`);
    await vi.waitFor(() => expect(library.listenerCount).toBe(1));
    await server.close();
    expect(library.listenerCount).toBe(0);
    await res.body?.cancel().catch(() => undefined);
    library.dispose();
  });
});

describe('HTTP server (web mode)', () => {
  let library: FakeLibrary;
  let server: RunningServer;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sampledex-web-'));
    const site = join(root, 'site');
    mkdirSync(join(site, 'assets'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>Sampledex</title>');
    writeFileSync(join(site, 'assets', 'app-1234.js'), 'console.log("hi")');
    writeFileSync(join(site, 'assets', 'style.css'), 'body{}');
    writeFileSync(join(root, 'secret.txt'), 'outside the site');
    symlinkSync(join(root, 'secret.txt'), join(site, 'assets', 'link.txt'));
    library = new FakeLibrary(2);
    server = await startServer({ api: library, port: 0, staticDir: site });
  });
  afterAll(async () => {
    await server.close();
    library.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('GET / serves the app to browsers with a strict CSP, JSON to everyone else', async () => {
    const page = await fetch(`${server.url}/`, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "media-src 'self' blob:", "img-src 'self' data: blob:", "style-src 'self' 'unsafe-inline'", "connect-src 'self'"]) {
      expect(csp).toContain(directive);
    }
    expect(await page.text()).toContain('<title>Sampledex</title>');
    for (const accept of ['*/*', 'application/json']) {
      const res = await fetch(`${server.url}/`, { headers: { Accept: accept } });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      await res.arrayBuffer();
    }
  });

  it('serves assets with their MIME types', async () => {
    const script = await fetch(`${server.url}/assets/app-1234.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("hi")');
    const style = await fetch(`${server.url}/assets/style.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    await style.arrayBuffer();
  });

  it('falls back to index.html for app routes, never for /api or missing assets', async () => {
    const route = await fetch(`${server.url}/browse/kicks`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Sampledex</title>');
    const missingAsset = await fetch(`${server.url}/assets/missing.js`);
    expect(missingAsset.status).toBe(404);
    await missingAsset.arrayBuffer();
    const api = await fetch(`${server.url}/api/unknown`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
    await api.arrayBuffer();
    const post = await fetch(`${server.url}/browse`, { method: 'POST' });
    expect(post.status).toBe(404);
    await post.arrayBuffer();
  });

  it('never serves files outside the site folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
      const reply = await sendRawBytes(server.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(reply, path).not.toContain('outside the site');
    }
    const link = await fetch(`${server.url}/assets/link.txt`);
    expect(link.status).toBe(404);
    await link.arrayBuffer();
    const nul = await fetch(`${server.url}/assets/a%00.js`);
    expect(nul.status).toBe(400);
    await nul.arrayBuffer();
  });
});
