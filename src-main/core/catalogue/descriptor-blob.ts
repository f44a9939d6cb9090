// Descriptors on disk: float64 values in the analysis version's DESCRIPTOR_NAMES order, one BLOB a
// row, the names kept once per version in the catalogue's meta table. As JSON (name and value
// per descriptor) they were half of every 13 KB row, and parsing them was most of the cost of each
// library-wide pass (anomalies, genres, model updates) at 100k samples.
import type { Descriptors } from '../../../src-shared/sample.js';

/** The BLOB for `descriptors` when its keys are exactly `names` in order; null otherwise (stored as JSON then). */
export function descriptorsToBlob(descriptors: Descriptors, names: readonly string[]): Buffer | null {
  const keys = Object.keys(descriptors);
  if (keys.length !== names.length || keys.some((key, i) => key !== names[i])) return null;
  const values = new Float64Array(names.length);
  for (let i = 0; i < names.length; i++) values[i] = descriptors[names[i]];
  return Buffer.from(values.buffer);
}

/** The descriptors a BLOB holds, named by the layout it was written with; null when they disagree in length. */
export function blobToDescriptors(blob: Buffer, names: readonly string[]): Descriptors | null {
  if (blob.byteLength !== names.length * Float64Array.BYTES_PER_ELEMENT) return null;
  // Copy: the Buffer may share a pool and be unaligned for a Float64Array view.
  const values = new Float64Array(names.length);
  new Uint8Array(values.buffer).set(blob);
  const descriptors: Descriptors = {};
  for (let i = 0; i < names.length; i++) descriptors[names[i]] = values[i];
  return descriptors;
}
