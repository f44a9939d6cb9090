import { describe, expect, it, vi } from 'vitest';
import {
  AUDIO_SCHEME_PRIVILEGES, createAudioRequestHandler, handleAudioProtocol, parseSampleAudioUrl, registerAudioScheme, sampleAudioUrl,
} from '../../src-main/electron/audio-protocol.js';

describe('sampledex-audio URLs', () => {
  it('round-trips ids', () => {
    expect(sampleAudioUrl(42)).toBe('sampledex-audio://sample/42');
    for (const id of [1, 42, Number.MAX_SAFE_INTEGER]) expect(parseSampleAudioUrl(sampleAudioUrl(id))).toBe(id);
    expect(parseSampleAudioUrl('sampledex-audio://sample/42/')).toBe(42);
    expect(parseSampleAudioUrl('sampledex-audio://sample/42?t=3#x')).toBe(42);
  });

  it('rejects anything but a positive integer id on the sample host', () => {
    for (const url of [
      'sampledex-audio://sample/0', 'sampledex-audio://sample/-1', 'sampledex-audio://sample/01', 'sampledex-audio://sample/1.5',
      'sampledex-audio://sample/abc', 'sampledex-audio://sample/', 'sampledex-audio://sample/1/2', 'sampledex-audio://sample/..%2F..%2Fetc%2Fpasswd',
      'sampledex-audio://sample/99999999999999999', 'sampledex-audio://other/1', 'sampledex-audio://42', 'file:///sample/1',
      'http://sample/1', 'not a url', '',
    ]) expect(parseSampleAudioUrl(url), url).toBeNull();
  });

  it('is registered as a standard, secure, streaming, fetchable scheme', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAudioScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([AUDIO_SCHEME_PRIVILEGES]);
    expect(AUDIO_SCHEME_PRIVILEGES).toEqual({
      scheme: 'sampledex-audio', privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true, corsEnabled: true },
    });
  });
});

describe('audio request handler', () => {
  const samplePath = (id: number): string | null => (id === 7 ? '/samples/my kick.wav' : null);

  it('serves the catalogued file through net.fetch, passing the Range header on', async () => {
    const fetchFile = vi.fn(async () => new Response('RIFF', { status: 206 }));
    const handle = createAudioRequestHandler({ samplePath, fetchFile });
    const response = await handle(new Request('sampledex-audio://sample/7', { headers: { Range: 'bytes=0-3' } }));
    expect(response.status).toBe(206);
    expect(fetchFile).toHaveBeenCalledWith('file:///samples/my%20kick.wav', { headers: { Range: 'bytes=0-3' } });
    await handle(new Request('sampledex-audio://sample/7'));
    expect(fetchFile).toHaveBeenLastCalledWith('file:///samples/my%20kick.wav', { headers: {} });
  });

  it('answers 404 for unknown ids, malformed URLs and files gone from disk; 405 for writes', async () => {
    const fetchFile = vi.fn(async (): Promise<Response> => {
      throw new Error('net::ERR_FILE_NOT_FOUND');
    });
    const handle = createAudioRequestHandler({ samplePath: (id) => (id === 3 ? '/gone.wav' : null), fetchFile });
    expect((await handle(new Request('sampledex-audio://sample/8'))).status).toBe(404);
    expect((await handle(new Request('sampledex-audio://sample/..'))).status).toBe(404);
    expect((await handle(new Request('sampledex-audio://sample/3'))).status).toBe(404);
    expect((await handle(new Request('sampledex-audio://sample/3', { method: 'POST', body: 'x' }))).status).toBe(405);
    expect(fetchFile).toHaveBeenCalledTimes(1);
  });

  it('is installed with protocol.handle and removed with protocol.unhandle', () => {
    const protocol = { handle: vi.fn(), unhandle: vi.fn() };
    const dispose = handleAudioProtocol(protocol, { samplePath, fetchFile: vi.fn() });
    expect(protocol.handle).toHaveBeenCalledWith('sampledex-audio', expect.any(Function));
    dispose();
    expect(protocol.unhandle).toHaveBeenCalledWith('sampledex-audio');
  });
});
