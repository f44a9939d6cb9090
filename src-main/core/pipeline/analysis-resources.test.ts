import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../analyse/index.js';
import { saw, shape, TEST_RATE } from '../analyse/testing/signals.js';
import { embed, EMBEDDING_MODEL_FILE } from '../embed/index.js';
import { CATEGORY_MODEL_FILE } from '../models/category.js';
import { TIMBRE_NET_FILE } from '../analyse/timbre-net.js';
import { deriveFields } from './analyse-bytes.js';
import { findResourcesDir, loadAnalysisResources } from './analysis-resources.js';
import { NO_DECODE_FACTS } from './refresh-model-outputs.js';

describe('analysis resources', () => {
  const descriptors = analyse(shape(saw(110, 1), (t) => Math.exp(-3 * t)), TEST_RATE).descriptors;

  it('lets the category model share the embedding model when their networks are the same, and derives the same fields as each model alone', () => {
    const resources = loadAnalysisResources(findResourcesDir());
    expect(resources.categoryModel?.embedding).toBe(resources.embeddingModel);
    const fields = deriveFields(descriptors, NO_DECODE_FACTS, 1, resources);
    expect(Array.from(fields.embedding)).toEqual(Array.from(embed(descriptors, resources.embeddingModel)));
    const alone = resources.categoryModel!.predict(descriptors);
    expect(fields.category).toEqual({ value: alone.category, confidence: alone.confidence });
  });

  it('loads the timbre network when resources/ has one, and goes on without it (uniform timbre descriptors)', () => {
    const shipped = findResourcesDir();
    expect(loadAnalysisResources(shipped).timbreNet?.convs.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'sampledex-resources-'));
    writeFileSync(join(dir, EMBEDDING_MODEL_FILE), readFileSync(join(shipped, EMBEDDING_MODEL_FILE)));
    expect(loadAnalysisResources(dir).timbreNet).toBeNull();
    writeFileSync(join(dir, TIMBRE_NET_FILE), JSON.stringify({ version: 1, convs: [] }));
    expect(() => loadAnalysisResources(dir)).toThrow(/invalid timbre network/);
  });

  it('keeps a category model whose embedding differs on its own copy', () => {
    const shipped = findResourcesDir();
    const dir = mkdtempSync(join(tmpdir(), 'sampledex-resources-'));
    const categoryJson = JSON.parse(readFileSync(join(shipped, CATEGORY_MODEL_FILE), 'utf8')) as { embedding: { trainedOn: string } };
    categoryJson.embedding.trainedOn = 'another run';
    writeFileSync(join(dir, CATEGORY_MODEL_FILE), JSON.stringify(categoryJson));
    writeFileSync(join(dir, EMBEDDING_MODEL_FILE), readFileSync(join(shipped, EMBEDDING_MODEL_FILE)));
    const resources = loadAnalysisResources(dir);
    expect(resources.categoryModel?.embedding).not.toBe(resources.embeddingModel);
    const alone = resources.categoryModel!.predict(descriptors);
    expect(deriveFields(descriptors, NO_DECODE_FACTS, 1, resources).category).toEqual({ value: alone.category, confidence: alone.confidence });
  });
});
