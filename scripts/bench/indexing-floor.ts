// The indexing issue's "physical floor": decoding a file plus one STFT pass over it, and nothing
// else (no descriptors, network, embedding or catalogue writes). Measured in this thread on the
// files an indexing run just took, as CPU time per file, then spread over every core as if the
// work split perfectly: no indexing pipeline can beat that rate on this machine, so the bench
// prints it beside the prototype's measured rate and the 15× target.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { decodeAudio } from '../../src-main/core/decode/index.js';
import { frameCountFor, FRAME_SIZE, HOP_SIZE, transformFrame } from '../../src-main/core/analyse/stft.js';
import { createSpectralFrame, spectralSetup } from '../../src-main/core/analyse/spectral-frame.js';

export interface IndexingFloor {
  /** CPU ms per file for the decode and for the STFT pass. */
  decodeMs: number;
  stftMs: number;
  /** Files/s on every core if nothing but those two ran and the cores never waited. */
  filesPerSec: number;
  cores: number;
}

/** Windows, transforms and takes the mel spectrum of every interior frame, as computeFrames does before its extractors. */
function stftPass(samples: Float32Array, sampleRate: number): void {
  const setup = spectralSetup(FRAME_SIZE, sampleRate);
  const frame = createSpectralFrame(setup);
  const spectrumRe = new Float64Array(setup.binCount);
  const spectrumIm = new Float64Array(setup.binCount);
  const frameCount = frameCountFor(samples.length, HOP_SIZE);
  for (let t = 0; t < frameCount; t++) {
    const first = Math.min(Math.max(0, t * HOP_SIZE - FRAME_SIZE / 2), Math.max(0, samples.length - FRAME_SIZE));
    frame.signal.fill(0);
    frame.signal.set(samples.subarray(first, first + FRAME_SIZE));
    transformFrame(frame, spectrumRe, spectrumIm);
  }
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
    stftPass(decoded.samples, decoded.sampleRate);
    stftMs += cpuMs(stftStart);
    files++;
  }
  if (files === 0) return null;
  const cores = availableParallelism();
  const perFile = (decodeMs + stftMs) / files;
  return { decodeMs: decodeMs / files, stftMs: stftMs / files, filesPerSec: (cores * 1000) / perFile, cores };
}
