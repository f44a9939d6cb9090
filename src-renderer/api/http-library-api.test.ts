import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIBRARY_METHODS } from '../../src-shared/api.js';
import { LibraryError } from '../../src-shared/errors.js';
import { decodeArgs } from '../../src-shared/transport.js';
import { createHttpLibraryApi } from './http-library-api.js';

interface SeenRequest {
  url: string;
  body: { args: unknown[] };
}

function stubFetch(answer: (request: SeenRequest) => { status: number; body: unknown }): SeenRequest[] {
  const seen: SeenRequest[] = [];
  vi.stubGlobal('fetch', async (url: URL, init: { body: string }) => {
    const request = { url: String(url), body: JSON.parse(init.body) as { args: unknown[] } };
    seen.push(request);
    const { status, body } = answer(request);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  });
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createHttpLibraryApi', () => {
  it('derives every request/response method from LIBRARY_METHODS', () => {
    const api = createHttpLibraryApi('http://127.0.0.1:8001/');
    for (const method of LIBRARY_METHODS) expect(typeof api[method]).toBe('function');
    expect(typeof api.onIndexProgress).toBe('function');
  });

  it('posts {args} to /api/call/<method> with bytes base64-encoded, and returns result', async () => {
    const seen = stubFetch(() => ({ status: 200, body: { result: [] } }));
    const api = createHttpLibraryApi('http://127.0.0.1:8001/app/');
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await expect(api.similarToAudio(bytes, 'drop.wav', { n: 5 })).resolves.toEqual([]);
    expect(seen[0].url).toBe('http://127.0.0.1:8001/api/call/similarToAudio');
    const [decodedBytes, name, options] = decodeArgs(seen[0].body.args);
    expect(Array.from(decodedBytes as Uint8Array)).toEqual([0, 1, 2, 250, 255]);
    expect([name, options]).toEqual(['drop.wav', { n: 5 }]);
  });

  it('turns an error body into a LibraryError with the shared code', async () => {
    stubFetch(() => ({ status: 404, body: { error: { code: 'not_found', message: 'no sample 9' } } }));
    const failure = await createHttpLibraryApi('http://localhost/').getSample(9).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LibraryError);
    expect(failure).toMatchObject({ code: 'not_found', message: 'no sample 9' });
  });

  it('reports a non-JSON failure as internal with the HTTP status', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>bad gateway</html>', { status: 502 }));
    await expect(createHttpLibraryApi('http://localhost/').stats()).rejects.toMatchObject({ code: 'internal', message: 'HTTP 502' });
  });
});
