// 1,000 POST /search from 16 concurrent clients on loopback, with malformed and oversize uploads
// mixed in. Latency is printed, not asserted: the assertions are that every answer is right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { FakeLibrary, FAKE_WAV } from './test/fake-library.js';
import { describeLoad, runLoad, type LoadRequest } from './test/search-load.js';

const REQUESTS = 1000;
const CLIENTS = 16;
const MAX_UPLOAD = 128 * 1024;

describe('POST /search under load', () => {
  let library: FakeLibrary;
  let server: RunningServer;

  beforeAll(async () => {
    library = new FakeLibrary(20);
    server = await startServer({ api: library, port: 0, maxUploadBytes: MAX_UPLOAD });
  });
  afterAll(async () => {
    await server.close();
    library.dispose();
  });

  it('answers every request correctly and keeps serving through bad uploads', async () => {
    // A realistic one-shot upload: ~100 KB.
    const audio = new Blob([FAKE_WAV, Buffer.alloc(96 * 1024, 3)]);
    const oversize = new Blob([FAKE_WAV, Buffer.alloc(MAX_UPLOAD + 1024)]);
    const url = `${server.url}/search?n_results=5`;

    const requestFor = (index: number): LoadRequest => {
      if (index % 50 === 17) {
        return {
          expectStatus: 400,
          send: () => fetch(url, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\nbroken' }),
        };
      }
      if (index % 50 === 33) {
        const form = new FormData();
        form.append('file', oversize, 'huge.wav');
        return { expectStatus: 413, send: () => fetch(url, { method: 'POST', body: form }) };
      }
      const form = new FormData();
      form.append('file', audio, `query-${index}.wav`);
      return {
        expectStatus: 200,
        send: () => fetch(url, { method: 'POST', body: form }),
        check(body) {
          const { results, query } = body as { results: unknown[]; query: { filename: string } };
          if (results.length !== 5 || query.filename !== `query-${index}.wav`) throw new Error(`#${index}: wrong answer`);
        },
      };
    };

    const report = await runLoad(REQUESTS, CLIENTS, requestFor);
    console.log(describeLoad('POST /search (in-memory library)', report));
    expect(report.failures).toEqual([]);
    expect(report.latenciesMs).toHaveLength(REQUESTS);
    expect((await fetch(`${server.url}/stats`)).status).toBe(200);
  });
});
