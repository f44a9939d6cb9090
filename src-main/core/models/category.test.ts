import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Descriptors } from '../../../src-shared/sample.js';
import { DRUM_CATEGORIES, type Category } from '../../../src-shared/taxonomy.js';
import { corpusEntries, repoRoot } from '../../../test/corpus.js';
import { analyse } from '../analyse/index.js';
import { decodeAudio } from '../decode/index.js';
import { CATEGORY_MODEL_FILE, CategoryModel } from './category.js';

interface Labelled {
  category: Category;
  descriptors: Descriptors;
}

const drums: Labelled[] = [];
let model: CategoryModel;

beforeAll(async () => {
  model = CategoryModel.fromJSON(JSON.parse(readFileSync(join(repoRoot, 'resources', CATEGORY_MODEL_FILE), 'utf8')));
  const entries = corpusEntries().filter((e) => (DRUM_CATEGORIES as readonly string[]).includes(e.category));
  for (const entry of entries) {
    try {
      const decoded = await decodeAudio(new Uint8Array(readFileSync(entry.path)), basename(entry.path));
      drums.push({ category: entry.category as Category, descriptors: analyse(decoded.samples, decoded.sampleRate).descriptors });
    } catch {
      // a file the decoder rejects is the decoder's test's business
    }
  }
});

describe('shipped category model', () => {
  it('classifies the public corpus drum one-shots mostly right', () => {
    expect(drums.length).toBeGreaterThan(100);
    const predictions = model.predictMany(drums.map((d) => d.descriptors));
    const right = predictions.filter((p, i) => p.category === drums[i].category).length;
    // Measured 0.78 (119/153) with the first MLP + softmax head, as with the linear embedding and
    // 5-neighbour vote before it; 0.71–0.72 (109–110/153) once 7 kits per soundfont and 60 synthesised
    // sounds per drum class outnumber the corpus drums in training (unseen packs improved: see
    // `npm run train`'s report). The corpus is in the training data, but heavily regularised
    // models do not simply recall it.
    expect(right / drums.length).toBeGreaterThan(0.7);
  });

  it('gives a confidence in (0, 1] and one of its classes', () => {
    const prediction = model.predict(drums[0].descriptors);
    expect(model.classes).toContain(prediction.category);
    expect(prediction.confidence).toBeGreaterThan(0);
    expect(prediction.confidence).toBeLessThanOrEqual(1);
  });

  it('rejects malformed JSON clearly', () => {
    expect(() => CategoryModel.fromJSON({ version: 1 })).toThrow(/invalid category model/);
    expect(() => CategoryModel.fromJSON({ ...model.toJSON(), classes: ['kick', 'banjo'] })).toThrow(/classes must be names/);
    const json = model.toJSON();
    const dimension = json.embedding.dimension;
    expect(() => CategoryModel.fromJSON({ ...json, head: { weights: [[1]], bias: [0], scale: 10 } })).toThrow(/head must have/);
    expect(() => CategoryModel.fromJSON({ ...json, head: { weights: json.classes.map(() => new Array<number>(dimension + 1).fill(0)), bias: json.classes.map(() => 0), scale: 10 } })).toThrow(/head rows must hold/);
    expect(() => CategoryModel.fromJSON({ ...json, references: [], referenceClasses: [], head: undefined })).toThrow(/non-empty/);
  });

  it('decides by the softmax head when the file has one', () => {
    const json = model.toJSON();
    // A head that ignores the sound and prefers the third class: the prediction must follow it.
    const head = { weights: json.classes.map(() => new Array<number>(json.embedding.dimension).fill(0)), bias: json.classes.map((_, c) => (c === 2 ? 3 : 0)), scale: 10 };
    const headModel = CategoryModel.fromJSON({ ...json, references: [], referenceClasses: [], head });
    const prediction = headModel.predict(drums[0].descriptors);
    expect(prediction.category).toBe(json.classes[2]);
    const expected = Math.exp(3) / (Math.exp(3) + json.classes.length - 1);
    expect(prediction.confidence).toBeCloseTo(expected, 6);
  });
});
