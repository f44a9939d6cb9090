import { describe, expect, it } from 'vitest';
import type { SampleRecord } from '../../src-shared/sample.js';
import { neighbourIds } from './audition-prefetch.js';

function row(id: number, extra: Partial<SampleRecord> = {}): SampleRecord {
  return { id, durationSec: 1, error: null, ...extra } as SampleRecord;
}

describe('neighbourIds', () => {
  const options = { radius: 2, maxDurationSec: 30 };

  it('is the selection, then ±1, then ±2, next before previous', () => {
    const rows = [10, 11, 12, 13, 14, 15].map((id) => row(id));
    expect(neighbourIds(2, (index) => rows[index], options)).toEqual([12, 13, 11, 14, 10]);
  });

  it('stops at the list edges and skips rows not loaded yet', () => {
    const rows = [row(10), row(11), undefined, row(13)];
    expect(neighbourIds(0, (index) => rows[index], options)).toEqual([10, 11]);
    expect(neighbourIds(3, (index) => rows[index], options)).toEqual([13, 11]);
  });

  it('leaves failed and long samples to the streaming element', () => {
    const rows = [row(10, { error: 'cannot decode' }), row(11), row(12, { durationSec: 240 }), row(13, { durationSec: null })];
    expect(neighbourIds(1, (index) => rows[index], options)).toEqual([11, 13]);
  });
});
