// Bottom line: what is playing, and the space-bar stop that works from anywhere but text fields.
import { useEffect, type ReactNode } from 'react';
import { useServices, useSlice } from '../app/services.js';
import { formatDuration } from '../format.js';

export function StatusBar(): ReactNode {
  const { player, browse, mode } = useServices();
  const playing = useSlice(player.state, (state) => state.playing);
  const position = useSlice(player.state, (state) => state.positionSec);
  const sampleId = useSlice(player.state, (state) => state.sampleId);
  const error = useSlice(player.state, (state) => state.error);
  const engine = useSlice(player.state, (state) => state.engine);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== ' ' || event.repeat) return;
      const target = event.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
      event.preventDefault();
      player.toggle(browse.getState().selected?.id ?? null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [browse, player]);

  return (
    <footer className="statusbar" data-testid="status-bar" data-playing={playing} data-playing-id={sampleId ?? ''} data-engine={engine ?? ''}>
      <span className={playing ? 'play-state on' : 'play-state'} data-testid="play-state">{playing ? '▶ playing' : '■ stopped'}</span>
      <span className="num" data-testid="play-position">{formatDuration(position)}</span>
      {error && <span className="error" data-testid="play-error">{error}</span>}
      <span className="hints">↑↓ audition · space stop · / search · f favourite · s similar · d dismiss anomaly · {mode} mode</span>
    </footer>
  );
}
