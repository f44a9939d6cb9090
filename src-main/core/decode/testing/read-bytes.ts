// Test-only file access for the decode tests (the decode layer itself never touches the disk).
import { readFileSync } from 'node:fs';

/** The bytes of a file on disk, as the pipeline would hand them to decodeAudio. */
export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** The bytes of a committed fixture in src-main/core/decode/fixtures/. */
export function fixtureBytes(name: string): Uint8Array {
  return readBytes(decodeURIComponent(new URL(`../fixtures/${name}`, import.meta.url).pathname));
}
