// The indexing issue's "physical floor": decoding a file plus one STFT pass over it, and nothing
// else (no descriptors, network, embedding or catalogue writes). Measured in this thread on the
// files an indexing run just took, as CPU time per file, then spread over every core as if the
// work split perfectly: no indexing pipeline can beat that rate on this machine, so the bench
// prints it beside the prototype's measured rate and the 15× target.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { decodeAudio } from '../../src-main/core/decode/index.js';
import { FRAME_SIZE, forEachSpectralFrame, HOP_SIZE } from '../../src-main/core/analyse/stft.js';

export interface IndexingFloor {
  /** CPU ms per file for the decode and for the STFT pass. */
  decodeMs: number;
  stftMs: number;
  /** Files/s on every core if nothing but those two ran and the cores never waited. */
  filesPerSec: number;
  cores: number;
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const spent = process.cpuUsage(since);
  return (spent.user + spent.system) / 1000;
};

/** The floor over `paths` (files that fail to decode are skipped); null when none decodes. */
export async function measureIndexingFloor(paths: readonly string[]): Promise<IndexingFloor | null> {
  let decodeMs = 0;
  let stftMs = 0;
  let files = 0;
  for (const path of paths) {
    const bytes = new Uint8Array(readFileSync(path));
    const decodeStart = process.cpuUsage();
    let decoded: Awaited<ReturnType<typeof decodeAudio>>;
    try {
      decoded = await decodeAudio(bytes, basename(path));
    } catch {
      continue;
    }
    decodeMs += cpuMs(decodeStart);
    const stftStart = process.cpuUsage();
    forEachSpectralFrame(decoded.samples, decoded.sampleRate, FRAME_SIZE, HOP_SIZE, () => {});
    stftMs += cpuMs(stftStart);
    files++;
  }
  if (files === 0) return null;
  const cores = availableParallelism();
  const perFile = (decodeMs + stftMs) / files;
  return { decodeMs: decodeMs / files, stftMs: stftMs / files, filesPerSec: (cores * 1000) / perFile, cores };
}
