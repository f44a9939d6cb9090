// URL an <audio> element plays a catalogued sample from. Only ids travel: a client never names a path.
//   web mode:  /api/samples/<id>/audio on the serving origin (Range supported by the server).
//   Electron:  sampledex-audio://sample/<id>, the custom protocol src-main/electron/audio-protocol.ts
//              registers (standard + stream, so seeking works). The id sits in the path because a
//              standard scheme would canonicalise a numeric host as IPv4. The CSP's media-src allows it.
import { sampleAudioPath } from '../../src-shared/transport.js';
import type { HostMode } from './library-api.js';

export const ELECTRON_AUDIO_SCHEME = 'sampledex-audio';

/** Absolute URL, serialised the way HTMLMediaElement.src reports it, so the two compare equal. */
export function sampleAudioUrl(id: number, mode: HostMode): string {
  const raw = mode === 'electron' ? `${ELECTRON_AUDIO_SCHEME}://sample/${id}` : sampleAudioPath(id);
  return new URL(raw, document.baseURI).href;
}
