// The selected sample's waveform: wavesurfer.js draws the peak envelope from getWaveform (no audio
// download or decode just to look at it). Playback stays with the one AuditionPlayer: a click on
// the waveform plays from there, and the cursor follows the player when it plays this sample.
import { useEffect, useRef, type ReactNode } from 'react';
import WaveSurfer from 'wavesurfer.js';
import { useServices, useSlice } from '../app/services.js';

export function WaveformView({ sampleId, durationSec }: { sampleId: number; durationSec: number }): ReactNode {
  const { api, player } = useServices();
  const containerRef = useRef<HTMLDivElement>(null);
  const surferRef = useRef<WaveSurfer | null>(null);
  const playingHere = useSlice(player.state, (state) => state.sampleId === sampleId);
  const position = useSlice(player.state, (state) => (state.sampleId === sampleId ? state.positionSec : 0));

  // One wavesurfer per mounted view, destroyed with it (it owns a shadow root, canvases, listeners).
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const surfer = WaveSurfer.create({
      container,
      height: 96,
      waveColor: '#5f8fbf',
      progressColor: '#5f8fbf',
      cursorWidth: 0,
      barWidth: 1,
      barGap: 1,
      normalize: true,
      interact: true,
    });
    surferRef.current = surfer;
    return () => {
      surferRef.current = null;
      surfer.destroy();
    };
  }, []);

  useEffect(() => {
    const surfer = surferRef.current;
    if (!surfer) return;
    let cancelled = false;
    const container = containerRef.current;
    container?.setAttribute('data-state', 'loading');
    api
      .getWaveform(sampleId)
      .then(async (peaks) => {
        if (cancelled) return;
        // An empty URL with peaks and a duration makes wavesurfer render without fetching anything.
        await surfer.load('', [peaks.length > 0 ? peaks : [0]], Math.max(durationSec, 0.001));
        if (!cancelled) container?.setAttribute('data-state', 'ready');
      })
      .catch(() => {
        if (!cancelled) container?.setAttribute('data-state', 'error');
      });
    const unsubscribe = surfer.on('interaction', (timeSec) => player.play(sampleId, timeSec));
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [api, durationSec, player, sampleId]);

  const fraction = durationSec > 0 ? Math.min(position / durationSec, 1) : 0;
  return (
    <div className="waveform-wrap">
      <div ref={containerRef} className="waveform" data-testid="waveform" />
      {playingHere && <div className="playhead" data-testid="playhead" style={{ left: `${fraction * 100}%` }} />}
    </div>
  );
}
