import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BRUSH_KIT, drumNoteCategory, gmDrumGroup } from './gm-labels.js';
import { buildPlan, DEFAULT_PLAN } from './plan.js';
import { writeFileIfChanged } from './render.js';

describe('drum labels per kit', () => {
  it('labels the brush kit\'s key 39 (a brush slap) snare and every other key as the standard kit does', () => {
    expect(drumNoteCategory(39)).toBe('clap');
    expect(drumNoteCategory(39, BRUSH_KIT)).toBe('snare');
    for (let key = 35; key <= 81; key++) if (key !== 39) expect(drumNoteCategory(key, BRUSH_KIT)).toBe(drumNoteCategory(key));
  });

  it('labels the ride bell a cymbal, as TAXONOMY files rides, while the plan keeps it in GM\'s percussion group', () => {
    expect(drumNoteCategory(53)).toBe('cymbal');
    expect(gmDrumGroup(53)).toBe('perc');
    for (let key = 35; key <= 81; key++) if (key !== 53 && key !== 39) expect(drumNoteCategory(key)).toBe(gmDrumGroup(key));
  });

  it('keeps the GM layout for every kit, so relabelling renames only the relabelled files', () => {
    const plan = buildPlan('test', { programs: [], drumKits: [0, BRUSH_KIT] }, DEFAULT_PLAN);
    const oneShots = (kit: number) => plan.slots.filter((s) => s.detail.startsWith(`kit${kit}:`));
    const standard = oneShots(0);
    const brush = oneShots(BRUSH_KIT);
    expect(brush.map((s) => s.detail.replace(/:vel\d+$/, '').replace(`kit${BRUSH_KIT}`, 'kit0'))).toEqual(standard.map((s) => s.detail.replace(/:vel\d+$/, '')));
    expect(brush.filter((s) => s.detail.includes(':key39:')).every((s) => s.category === 'snare' && s.id.endsWith('-snare'))).toBe(true);
    expect(standard.filter((s) => s.detail.includes(':key39:')).every((s) => s.category === 'clap')).toBe(true);
  });
});

describe('writeFileIfChanged', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sampledex-render-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves a file holding the same bytes alone, so its mtime (the analysis cache key) holds', () => {
    const path = join(dir, 'a.wav');
    expect(writeFileIfChanged(path, Uint8Array.of(1, 2, 3))).toBe(true);
    utimesSync(path, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const before = statSync(path).mtimeMs;
    expect(writeFileIfChanged(path, Uint8Array.of(1, 2, 3))).toBe(false);
    expect(statSync(path).mtimeMs).toBe(before);
    expect(writeFileIfChanged(path, Uint8Array.of(1, 2, 4))).toBe(true);
    expect([...readFileSync(path)]).toEqual([1, 2, 4]);
  });
});
