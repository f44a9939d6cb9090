// A row's tiny waveform. Fetched only after the row has stayed on screen briefly, so flinging
// through 100,000 rows does not fire 100,000 requests.
import { useEffect, useRef, type ReactNode } from 'react';
import { useServices } from '../app/services.js';

const SETTLE_MS = 120;
const WIDTH = 56;
const HEIGHT = 14;

function draw(canvas: HTMLCanvasElement, peaks: readonly number[]): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const scale = window.devicePixelRatio || 1;
  canvas.width = WIDTH * scale;
  canvas.height = HEIGHT * scale;
  context.scale(scale, scale);
  context.fillStyle = '#6f9cc8';
  const max = Math.max(...peaks, 1e-6);
  for (let x = 0; x < WIDTH; x++) {
    // Max over the peaks that fall into this pixel column.
    const from = Math.floor((x / WIDTH) * peaks.length);
    const to = Math.max(from + 1, Math.floor(((x + 1) / WIDTH) * peaks.length));
    let peak = 0;
    for (let i = from; i < to && i < peaks.length; i++) peak = Math.max(peak, peaks[i]);
    const height = Math.max(1, (peak / max) * HEIGHT);
    context.fillRect(x, (HEIGHT - height) / 2, 1, height);
  }
}

export function WaveThumb({ sampleId }: { sampleId: number }): ReactNode {
  const { waveforms } = useServices();
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // Rows are recycled by index: wipe the previous sample's drawing before this one arrives.
    canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    const cached = waveforms.get(sampleId);
    if (cached) {
      draw(canvas, cached);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      waveforms
        .load(sampleId)
        .then((peaks) => {
          if (!cancelled) draw(canvas, peaks);
        })
        .catch(() => undefined);
    }, SETTLE_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [sampleId, waveforms]);

  return <canvas ref={canvasRef} className="c-wave" width={WIDTH} height={HEIGHT} style={{ width: WIDTH, height: HEIGHT }} aria-hidden="true" />;
}
