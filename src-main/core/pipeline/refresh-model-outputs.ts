// When Sampledex is updated with new shipped models, every stored embedding and label in a library
// was made by the old ones: search would compare vectors from two different spaces (or of two
// different dimensions), and categories would lag behind what the new model says. Descriptors are
// stored, so the outputs are derived again from them here, without decoding a single file, and the
// library-wide passes that read them (anomalies, genres) run after. The catalogue records which
// model files its outputs came from, so this runs once per update.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue } from '../catalogue/catalogue.js';
import { EMBEDDING_MODEL_FILE } from '../embed/index.js';
import { CATEGORY_MODEL_FILE } from '../models/category.js';
import { deriveFields } from './analyse-bytes.js';
import type { AnalysisResources } from './analysis-resources.js';
import { refreshLibraryAnomalies } from './refresh-anomalies.js';
import { refreshGenres } from './refresh-genres.js';

/** Catalogue meta key: the stamp of the model files the stored outputs came from. */
export const MODELS_STAMP_KEY = 'models_stamp';

/** Rows derived and written per transaction: bounded memory, and progress survives a kill. */
const PAGE_ROWS = 500;

/** A hash of the shipped model files' bytes: it changes whenever any model does. */
export function modelsStamp(resourcesDir: string): string {
  const hash = createHash('sha1');
  for (const file of [EMBEDDING_MODEL_FILE, CATEGORY_MODEL_FILE]) {
    const path = join(resourcesDir, file);
    hash.update(`${file}\0`);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}

/** True when the library holds outputs of other model files than `stamp` names. */
export function modelOutputsAreStale(catalogue: Catalogue, stamp: string): boolean {
  return catalogue.getMeta(MODELS_STAMP_KEY) !== stamp;
}

/**
 * Re-derives every analysed row's embedding, kind, category (a producer's correction stays), bpm,
 * key and note with `resources`, then re-judges anomalies and genres, and records `stamp`.
 * A kill half-way leaves the old stamp, so the next open finishes the job (re-deriving is idempotent).
 */
export function refreshModelOutputs(catalogue: Catalogue, resources: AnalysisResources, stamp: string): { updated: number } {
  let updated = 0;
  for (let afterId = 0; ; ) {
    const page = catalogue.derivationInputs(afterId, PAGE_ROWS);
    if (page.length === 0) break;
    catalogue.setDerivedFields(
      page.map((row) => ({
        id: row.id,
        fields: deriveFields(row.descriptors, row.decode ?? NO_DECODE_FACTS, row.durationSec, resources),
      })),
    );
    updated += page.length;
    afterId = page[page.length - 1].id;
  }
  if (updated > 0) {
    refreshLibraryAnomalies(catalogue);
    refreshGenres(catalogue, resources.embeddingModel);
  }
  catalogue.setMeta(MODELS_STAMP_KEY, stamp);
  return { updated };
}

/** For a row without stored decode facts: nothing was seen wrong while decoding. */
export const NO_DECODE_FACTS = { partial: null, windowed: false, sourcePeak: 0, clippedFraction: 0, dcOffset: 0, nonFiniteSamples: 0 };
