// URL an <audio> element plays a catalogued sample from. Only ids travel: a client never names a path.
//   web mode:  /api/samples/<id>/audio on the serving origin (Range supported by the server).
//   Electron:  sampledex-audio://<id>, a custom protocol the Electron shell registers (privileged
//              as `stream: true` so seeking works); the CSP's media-src allows the scheme.
import { sampleAudioPath } from '../../src-shared/transport.js';
import type { HostMode } from './library-api.js';

export const ELECTRON_AUDIO_SCHEME = 'sampledex-audio';

/** Absolute URL, serialised the way HTMLMediaElement.src reports it, so the two compare equal. */
export function sampleAudioUrl(id: number, mode: HostMode): string {
  const raw = mode === 'electron' ? `${ELECTRON_AUDIO_SCHEME}://${id}` : sampleAudioPath(id);
  return new URL(raw, document.baseURI).href;
}
