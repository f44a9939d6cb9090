// The one audio output of the app: a single HTMLAudioElement that every list and panel auditions
// through, so starting one sound always stops the previous (like a hardware sampler's preview).
// Its state lives in a small zustand store that panels subscribe to.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostMode } from '../api/library-api.js';
import { sampleAudioUrl } from '../api/audio-url.js';

export interface PlayerState {
  /** Sample loaded in the element (playing or stopped), null before the first audition. */
  sampleId: number | null;
  playing: boolean;
  positionSec: number;
  durationSec: number;
  /** Last playback failure (unsupported codec, missing file), shown in the status bar. */
  error: string | null;
}

export class AuditionPlayer {
  readonly state: StoreApi<PlayerState>;
  readonly element: HTMLAudioElement;
  private readonly disposers: (() => void)[] = [];

  constructor(private readonly mode: HostMode) {
    this.element = new Audio();
    this.element.preload = 'auto';
    this.element.dataset.testid = 'audition-audio';
    // In the DOM (hidden) so tests and devtools can see what is playing.
    this.element.hidden = true;
    document.body.append(this.element);
    this.state = createStore<PlayerState>(() => ({ sampleId: null, playing: false, positionSec: 0, durationSec: 0, error: null }));
    const on = (event: keyof HTMLMediaElementEventMap, handler: () => void): void => {
      this.element.addEventListener(event, handler);
      this.disposers.push(() => this.element.removeEventListener(event, handler));
    };
    on('playing', () => this.state.setState({ playing: true, error: null }));
    on('pause', () => this.state.setState({ playing: false }));
    on('ended', () => this.state.setState({ playing: false }));
    on('timeupdate', () => this.state.setState({ positionSec: this.element.currentTime }));
    on('durationchange', () => this.state.setState({ durationSec: Number.isFinite(this.element.duration) ? this.element.duration : 0 }));
    on('error', () => this.state.setState({ playing: false, error: this.element.error?.message || 'cannot play this file' }));
  }

  /** Starts `id` from `fromSec` (default: the start); restarts it when it is already loaded. */
  play(id: number, fromSec = 0): void {
    const url = sampleAudioUrl(id, this.mode);
    if (this.element.src !== url) {
      this.element.src = url;
      this.state.setState({ sampleId: id, positionSec: 0, durationSec: 0, error: null });
    }
    this.element.currentTime = fromSec;
    this.element.play().catch((error: unknown) => {
      // An interrupted play() (the next audition started) is normal while arrowing through a list.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.state.setState({ playing: false, error: error instanceof Error ? error.message : String(error) });
    });
  }

  stop(): void {
    this.element.pause();
    this.element.currentTime = 0;
  }

  /** Space bar: stop what plays, otherwise replay the given (selected) sample. */
  toggle(id: number | null): void {
    if (this.state.getState().playing) this.stop();
    else if (id !== null) this.play(id);
  }

  dispose(): void {
    this.stop();
    for (const dispose of this.disposers.splice(0)) dispose();
    this.element.remove();
  }
}
