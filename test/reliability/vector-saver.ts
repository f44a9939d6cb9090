// A child process for concurrency.test.ts: saves its own vector index (seeded content, the same
// ids, count and generation as the other savers) to one shared file, over and over, as a server
// and an indexer do when both persist the library's index.
import { VectorIndex } from '../../src-main/core/index/vector-index.js';
import { createRandom } from '../../src-shared/seeded-random.js';

export const SAVER_DIMENSION = 16;
export const SAVER_COUNT = 300;

/** Writer `seed`'s vectors: ids 1..SAVER_COUNT. */
export function saverVectors(seed: number): Float32Array[] {
  const random = createRandom(seed);
  return Array.from({ length: SAVER_COUNT }, () => Float32Array.from({ length: SAVER_DIMENSION }, () => random() * 2 - 1));
}

const [file, seed, rounds] = process.argv.slice(2);
if (file) {
  const index = VectorIndex.build(SAVER_DIMENSION, saverVectors(Number(seed)).map((embedding, i) => ({ id: i + 1, embedding })));
  for (let i = 0; i < Number(rounds); i++) index.save(file, 1);
}
