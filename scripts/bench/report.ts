// How the bench prints a figure: value, unit, the issue's target beside it (and whether it is met),
// and the load average when it was taken: on a shared machine a slow figure under load 6 is not a regression.
import { loadavg } from 'node:os';

export interface Target {
  max?: number;
  min?: number;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { value: number; label: string };
  target?: Target;
  /** One-minute load average when the figure was recorded. */
  load?: number;
}

export interface Report {
  readonly figures: Figure[];
  figure(figure: Figure): void;
}

function describeTarget(figure: Figure): string {
  const { target, unit } = figure;
  if (!target) return '';
  const met = (target.max === undefined || figure.value <= target.max) && (target.min === undefined || figure.value >= target.min);
  const bound = target.max !== undefined ? `≤ ${target.max}` : `≥ ${target.min}`;
  return `  target ${bound}${unit ? ` ${unit}` : ''} ${met ? 'ok' : 'MISSED'}`;
}

export function createReport(write: (line: string) => void = (line) => process.stderr.write(line)): Report {
  const figures: Figure[] = [];
  return {
    figures,
    figure(figure: Figure): void {
      const withLoad = { ...figure, load: Math.round(loadavg()[0] * 100) / 100 };
      figures.push(withLoad);
      const ratio = figure.baseline ? `  (${(figure.value / figure.baseline.value).toFixed(1)}× ${figure.baseline.label} ${figure.baseline.value} ${figure.unit})` : '';
      const digits = figure.value < 10 ? 3 : 1;
      write(`${figure.name.padEnd(58)} ${figure.value.toFixed(digits).padStart(10)} ${figure.unit.padEnd(7)}${describeTarget(figure)}${ratio}  [load ${withLoad.load.toFixed(2)}]\n`);
    },
  };
}
