// A synthetic library of any size served by Playwright request routing, for scroll and windowing
// tests that a real 100,000-file library would take hours to index for. Only the JSON calls the
// list needs are faked; the page and its HTTP client are the real ones.
import type { Page, Route } from 'playwright-core';
import type { LibraryStats, SamplePage, SampleQuery, SoundMapPoint } from '../../src-shared/api.js';
import type { SampleRecord } from '../../src-shared/sample.js';
import { CATEGORIES } from '../../src-shared/taxonomy.js';
import { pcm16Wav } from './sample-folder.js';

function fakeRecord(id: number): SampleRecord {
  const category = CATEGORIES[id % CATEGORIES.length];
  const name = `fake-sample-${String(id).padStart(6, '0')}.wav`;
  return {
    id,
    path: `/fake/${category}/${name}`,
    name,
    sizeBytes: 44_100 * 2,
    mtimeMs: 0,
    contentHash: `hash-${id}`,
    format: { container: 'wav', codec: 'pcm_s16', sampleRate: 44_100, channels: 1, bitDepth: 16, durationSec: 1 },
    durationSec: 0.25 + (id % 17) / 4,
    kind: category === 'loop' ? 'loop' : 'one-shot',
    category: { value: category, source: 'model', confidence: 0.5 + (id % 50) / 100 },
    genre: { value: id % 3 === 0 ? 'techno' : 'house', source: 'model', confidence: 0.6 },
    bpm: category === 'loop' ? 120 + (id % 20) : null,
    key: null,
    note: id % 5 === 0 ? 'C2' : null,
    anomaly: { flagged: false, score: 0.1, reasons: [] },
    tags: [],
    favourite: false,
    error: null,
    analysedAt: 0,
  };
}

/** The server maps at most this many points (an even sample of bigger libraries), as MAX_MAP_POINTS in the core. */
const MAX_MAP_POINTS = 6000;

/** A sound map like a real one: one blob per category around a ring, seeded so screenshots repeat. */
function fakeSoundMap(total: number): SoundMapPoint[] {
  let state = 12345;
  const random = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const count = Math.min(total, MAX_MAP_POINTS);
  return Array.from({ length: count }, (_, i) => {
    const id = Math.floor((i * total) / count);
    const record = fakeRecord(id);
    const slot = CATEGORIES.indexOf(record.category?.value ?? 'fx');
    const angle = (slot / CATEGORIES.length) * 2 * Math.PI;
    // Sum of uniforms: a rough bell, so blobs are dense in the middle and thin at the edges.
    const spread = (): number => (random() + random() + random() - 1.5) * 0.09;
    const clamp = (value: number): number => Math.min(1, Math.max(0, value));
    return { id, x: clamp(0.5 + 0.36 * Math.cos(angle) + spread()), y: clamp(0.5 + 0.36 * Math.sin(angle) + spread()), category: record.category?.value ?? null, name: record.name };
  });
}

export async function fakeLibraryRoutes(page: Page, total: number): Promise<void> {
  const stats: LibraryStats = {
    total_samples: total,
    genres: { techno: Math.ceil(total / 3), house: total - Math.ceil(total / 3) },
    embedding_dimension: 0,
    categories: Object.fromEntries(CATEGORIES.map((category, i) => [category, Math.floor(total / CATEGORIES.length) + (i < total % CATEGORIES.length ? 1 : 0)])),
    kinds: {},
    failed: 0,
    flagged: 0,
    roots: ['/fake'],
  };
  const answer = (route: Route, result: unknown): Promise<void> =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ result }) });

  await page.route('**/api/call/stats', (route) => answer(route, stats));
  await page.route('**/api/call/listSamples', (route) => {
    const [query] = (route.request().postDataJSON() as { args: [SampleQuery] }).args;
    const offset = query.offset ?? 0;
    const end = Math.min(total, offset + (query.limit ?? 100));
    const items: SampleRecord[] = [];
    for (let id = offset; id < end; id++) items.push(fakeRecord(id));
    const page: SamplePage = { total, items };
    return answer(route, page);
  });
  await page.route('**/api/call/soundMap', (route) => answer(route, fakeSoundMap(total)));
  await page.route('**/api/call/getSample', (route) => {
    const [id] = (route.request().postDataJSON() as { args: [number] }).args;
    return answer(route, id >= 0 && id < total ? fakeRecord(id) : null);
  });
  await page.route('**/api/call/getWaveform', (route) => answer(route, Array.from({ length: 200 }, (_, i) => Math.abs(Math.sin(i / 9)) * Math.exp(-i / 80))));
  // Every fake row auditions the same short blip, so the player behaves as with real files.
  const blip = pcm16Wav(Float32Array.from({ length: 4410 }, (_, i) => 0.3 * Math.sin(i / 5) * Math.exp(-i / 1000)));
  await page.route('**/api/samples/*/audio', (route) => route.fulfill({ status: 200, contentType: 'audio/wav', body: blip }));
}
