// A category or genre label that says where it came from, wherever it is shown: a model's
// prediction is italic and dimmed with its confidence, a folder-name label and a producer's own
// correction get a small mark. The mark is drawn by CSS (::after from data-mark) so the cell's
// text stays the bare label: filters, copy-paste and tests read the value alone.
import type { ReactNode } from 'react';
import type { Prediction } from '../../src-shared/sample.js';
import { formatPercent, predictionTitle } from '../format.js';

export interface LabelValueProps {
  prediction: Prediction<string> | null;
  className: string;
  testId?: string;
  /** Compact marks for list cells; spelled out in the detail panel. */
  long?: boolean;
}

function sourceMark(prediction: Prediction<string>, long: boolean): string {
  switch (prediction.source) {
    case 'model':
      return long ? `predicted · ${formatPercent(prediction.confidence)}` : formatPercent(prediction.confidence);
    case 'user':
      return long ? 'set by you' : 'you';
    case 'path':
      return long ? 'from folder' : 'folder';
  }
}

export function LabelValue({ prediction, className, testId, long = false }: LabelValueProps): ReactNode {
  if (!prediction) return <span className={className} data-testid={testId}>{long ? '–' : ''}</span>;
  return (
    <span
      className={`${className} label`}
      data-testid={testId}
      data-source={prediction.source}
      data-mark={sourceMark(prediction, long)}
      title={predictionTitle(prediction)}
    >
      {prediction.value}
    </span>
  );
}
