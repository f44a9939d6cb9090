// The one audio output of the app: every list and panel auditions through it, so starting one sound
// always stops the previous (like a hardware sampler's preview). Two engines behind one state:
//   buffer:  a decoded sample from the DecodedAudioCache played by an AudioBufferSourceNode. Starts
//            in well under a millisecond of page time, which is what makes ↑/↓ auditioning feel
//            instant; the list prefetches the selection's neighbours into the cache.
//   element: one HTMLAudioElement streaming the file (range requests), for anything not cached yet,
//            a codec WebAudio cannot decode, or before the AudioContext may run.
// Its state lives in a small zustand store that panels subscribe to.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostMode } from '../api/library-api.js';
import { sampleAudioUrl } from '../api/audio-url.js';
import { DecodedAudioCache } from './decoded-audio-cache.js';

export type AuditionEngine = 'buffer' | 'element';

export interface PlayerState {
  /** Sample loaded in the element (playing or stopped), null before the first audition. */
  sampleId: number | null;
  playing: boolean;
  positionSec: number;
  durationSec: number;
  /** Which engine the current (or last) audition used. */
  engine: AuditionEngine | null;
  /** Last playback failure (unsupported codec, missing file), shown in the status bar. */
  error: string | null;
}

/** One audition's start, for `window.__sampledexAuditionLatencies` (read by the e2e test and devtools). */
export interface AuditionLatency {
  sampleId: number;
  engine: AuditionEngine;
  /**
   * From the user's last keydown/pointerdown to the start: for `buffer` the source.start() call,
   * for `element` its 'playing' event. Page time only; the OS adds outputLatencyMs.
   */
  latencyMs: number;
  /** AudioContext.baseLatency + outputLatency: the audio path after start(), 0 when unknown. */
  outputLatencyMs: number;
}

/** Kept short: the array is for measuring, not a log. */
const MAX_LATENCY_RECORDS = 200;
/** An audition starting longer than this after the last gesture was not started by it. */
const MAX_GESTURE_AGE_MS = 5000;
/** How often the playhead follows a buffer audition (the element's timeupdate is ~4 Hz; this is smoother). */
const BUFFER_POSITION_MS = 50;

export class AuditionPlayer {
  readonly state: StoreApi<PlayerState>;
  readonly element: HTMLAudioElement;
  private readonly disposers: (() => void)[] = [];
  private context: AudioContext | null = null;
  private readonly cache: DecodedAudioCache<AudioBuffer>;
  private source: AudioBufferSourceNode | null = null;
  private positionTimer = 0;
  /** performance.now() time of the last keydown/pointerdown: where an audition's latency starts. */
  private gestureAt = Number.NaN;
  /** Set by play() on the element path until its 'playing' event records the latency. */
  private elementStartPending = false;

  constructor(private readonly mode: HostMode) {
    this.element = new Audio();
    this.element.preload = 'auto';
    this.element.dataset.testid = 'audition-audio';
    // In the DOM (hidden) so tests and devtools can see what is playing and what is cached.
    this.element.hidden = true;
    document.body.append(this.element);
    this.state = createStore<PlayerState>(() => ({ sampleId: null, playing: false, positionSec: 0, durationSec: 0, engine: null, error: null }));
    this.cache = new DecodedAudioCache((id) => this.decode(id));
    this.disposers.push(this.cache.onChange(() => {
      this.element.dataset.cachedIds = this.cache.cachedIds().join(',');
    }));

    const on = (event: keyof HTMLMediaElementEventMap, handler: () => void): void => {
      // The element's late events (a 'pause' from switching to a buffer) must not touch a buffer audition.
      const guarded = (): void => {
        if (this.state.getState().engine === 'element') handler();
      };
      this.element.addEventListener(event, guarded);
      this.disposers.push(() => this.element.removeEventListener(event, guarded));
    };
    on('playing', () => {
      this.state.setState({ playing: true, error: null });
      if (this.elementStartPending) {
        this.elementStartPending = false;
        const sampleId = this.state.getState().sampleId;
        if (sampleId !== null) this.recordStart(sampleId, 'element');
      }
    });
    on('pause', () => this.state.setState({ playing: false }));
    on('ended', () => this.state.setState({ playing: false }));
    on('timeupdate', () => this.state.setState({ positionSec: this.element.currentTime }));
    on('durationchange', () => this.state.setState({ durationSec: Number.isFinite(this.element.duration) ? this.element.duration : 0 }));
    on('error', () => this.state.setState({ playing: false, error: this.element.error?.message || 'cannot play this file' }));

    // Autoplay policy: an AudioContext may only run after a user gesture, so it is made (or resumed)
    // on the first one. The same capture-phase listeners date each gesture for the latency record.
    const onGesture = (event: Event): void => {
      this.gestureAt = event.timeStamp;
      this.ensureContext();
    };
    for (const type of ['keydown', 'pointerdown'] as const) {
      window.addEventListener(type, onGesture, true);
      this.disposers.push(() => window.removeEventListener(type, onGesture, true));
    }
  }

  /** Starts `id` from `fromSec` (default: the start); restarts it when it is already loaded. */
  play(id: number, fromSec = 0): void {
    const buffer = this.cache.get(id);
    if (buffer && this.context?.state === 'running') this.playBuffer(id, buffer, fromSec);
    else this.playElement(id, fromSec);
  }

  /** Decodes these samples into the cache, most wanted first (the selection, then its neighbours). */
  prefetch(ids: readonly number[]): void {
    if (this.context) this.cache.prefetch(ids);
  }

  isCached(id: number): boolean {
    return this.cache.has(id);
  }

  stop(): void {
    this.stopBuffer();
    this.element.pause();
    this.element.currentTime = 0;
    this.state.setState({ playing: false, positionSec: 0 });
  }

  /** Space bar: stop what plays, otherwise replay the given (selected) sample. */
  toggle(id: number | null): void {
    if (this.state.getState().playing) this.stop();
    else if (id !== null) this.play(id);
  }

  dispose(): void {
    this.stop();
    for (const dispose of this.disposers.splice(0)) dispose();
    this.cache.clear();
    void this.context?.close();
    this.element.remove();
  }

  private ensureContext(): void {
    if (typeof AudioContext === 'undefined') return;
    // 'interactive' asks for the smallest output buffer the platform offers: auditioning is latency-bound.
    this.context ??= new AudioContext({ latencyHint: 'interactive' });
    if (this.context.state === 'suspended') void this.context.resume();
  }

  private async decode(id: number): Promise<AudioBuffer> {
    const context = this.context;
    if (!context) throw new Error('no AudioContext');
    const response = await fetch(sampleAudioUrl(id, this.mode));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return context.decodeAudioData(await response.arrayBuffer());
  }

  private playBuffer(id: number, buffer: AudioBuffer, fromSec: number): void {
    const context = this.context!;
    this.stopBuffer();
    // Flip the engine before pausing, so the element's 'pause' event is ignored.
    this.state.setState({ engine: 'buffer' });
    this.elementStartPending = false;
    if (!this.element.paused) this.element.pause();

    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    const offset = Math.min(Math.max(fromSec, 0), buffer.duration);
    source.onended = () => {
      // A source replaced by the next audition (or stopped) ends too; only the current one is news.
      if (this.source !== source) return;
      this.source = null;
      window.clearInterval(this.positionTimer);
      this.state.setState({ playing: false, positionSec: buffer.duration });
    };
    source.start(0, offset);
    this.recordStart(id, 'buffer');
    this.source = source;

    const startedAt = context.currentTime - offset;
    this.state.setState({ sampleId: id, playing: true, positionSec: offset, durationSec: buffer.duration, engine: 'buffer', error: null });
    this.positionTimer = window.setInterval(() => {
      this.state.setState({ positionSec: Math.min(context.currentTime - startedAt, buffer.duration) });
    }, BUFFER_POSITION_MS);
  }

  private playElement(id: number, fromSec: number): void {
    this.stopBuffer();
    const url = sampleAudioUrl(id, this.mode);
    this.state.setState({ engine: 'element' });
    if (this.element.src !== url) {
      this.element.src = url;
      this.state.setState({ sampleId: id, positionSec: 0, durationSec: 0, error: null });
    } else {
      // Same element source: the 'durationchange' event will not come again, so restore its duration.
      this.state.setState({ sampleId: id, durationSec: Number.isFinite(this.element.duration) ? this.element.duration : 0, error: null });
    }
    this.elementStartPending = true;
    this.element.currentTime = fromSec;
    this.element.play().catch((error: unknown) => {
      // An interrupted play() (the next audition started) is normal while arrowing through a list.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (this.state.getState().engine !== 'element') return;
      this.state.setState({ playing: false, error: error instanceof Error ? error.message : String(error) });
    });
  }

  private stopBuffer(): void {
    const source = this.source;
    if (!source) return;
    this.source = null;
    window.clearInterval(this.positionTimer);
    source.onended = null;
    source.stop();
    source.disconnect();
  }

  private recordStart(sampleId: number, engine: AuditionEngine): void {
    const latencyMs = performance.now() - this.gestureAt;
    // An audition no gesture started just now (a sound-map hover) has no keypress-to-sound time.
    if (!(latencyMs < MAX_GESTURE_AGE_MS)) return;
    const context = this.context;
    const outputLatencyMs = context ? (context.baseLatency + (context.outputLatency || 0)) * 1000 : 0;
    const records = (window.__sampledexAuditionLatencies ??= []);
    records.push({ sampleId, engine, latencyMs, outputLatencyMs });
    if (records.length > MAX_LATENCY_RECORDS) records.splice(0, records.length - MAX_LATENCY_RECORDS);
  }
}
