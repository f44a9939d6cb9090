// Augmentation: varied copies of the training audio, so the models learn what a kick is rather
// than what a clean, peak-normalised soundfont render of one sounds like. The unseen Hydrogen kits
// are acoustic, roomy and processed; soundfont renders are dry and uniform. Each copy gets a chain
// chosen by a PRNG seeded from its source path and copy number (reproducible): sox effects (pitch,
// speed, tempo, EQ, reverb, overdrive, compand, sample-rate degradation), then, in TypeScript,
// layering with another sound of the same category from the SAME pack, a noise floor or room tone,
// bit-depth reduction and a truncating fade. A copy keeps its source's pack, so leave-one-pack-out
// never trains on anything derived from the held-out pack.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decodeAudio } from '../../src-main/core/decode/index.js';
import type { LabelledAudio } from './dataset.js';
import { createRandom, hashString, pick } from './render/prng.js';
import { writeMonoWav } from './render/wav.js';

/** Bump when the chains change, so cached copies are redone. */
export const AUGMENT_VERSION = 1;

export interface AugmentOptions {
  /** Copies per one-shot and per loop (loops are long: fewer). */
  oneShotCopies: number;
  loopCopies: number;
  /** sox processes at once. */
  concurrency: number;
}

/**
 * Four copies per drum one-shot instead of two were measured on the unseen sets: FluidR3 category
 * +1 point, Hydrogen category −2.7 and its cross-pack precision@10 −2.5, and twice the augmenting.
 */
export const DEFAULT_AUGMENT_OPTIONS: AugmentOptions = { oneShotCopies: 2, loopCopies: 1, concurrency: 2 };

export interface AugmentedAudio extends LabelledAudio {
  /** The file it was derived from. */
  source: string;
}

interface Plan {
  sox: string[];
  layerWith: string | null;
  layerGain: number;
  layerOffset: number;
  noiseDb: number | null;
  roomTone: boolean;
  bits: number | null;
  keepFraction: number | null;
}

const between = (random: () => number, low: number, high: number) => low + (high - low) * random();
const fixed = (x: number, digits = 2) => x.toFixed(digits);

/** The chain for one copy: two to four sox effects plus the TypeScript post-processing. */
export function planCopy(file: LabelledAudio, copy: number, partners: readonly string[]): Plan {
  const random = createRandom(hashString(`${file.path}#${copy}#${AUGMENT_VERSION}`));
  const sox: string[] = [];
  const loop = file.kind === 'loop';
  // Pitch or playback speed: samplers retune; ±4 semitones keep every category what it is.
  const tune = random();
  if (tune < 0.35) sox.push('pitch', fixed(between(random, -400, 400), 0));
  else if (tune < 0.55 && !loop) sox.push('speed', fixed(2 ** (between(random, -3, 3) / 12), 4));
  else if (loop && tune < 0.8) sox.push('tempo', fixed(between(random, 0.9, 1.1), 3));
  // Tone: a filter or a tilt, as a mix engineer or a different microphone would.
  const tone = random();
  if (tone < 0.18) sox.push('highpass', fixed(between(random, 40, 400), 0));
  else if (tone < 0.36) sox.push('lowpass', fixed(between(random, 2500, 8000), 0)); // below the Nyquist of a pitched-down stage
  else if (tone < 0.52) sox.push('bass', fixed(between(random, -8, 8), 1));
  else if (tone < 0.68) sox.push('treble', fixed(between(random, -8, 8), 1));
  else if (tone < 0.82) sox.push('equalizer', fixed(between(random, 150, 6000), 0), '1.2q', fixed(between(random, -9, 9), 1));
  if (random() < 0.25) sox.push('overdrive', fixed(between(random, 5, 25), 0), '20');
  if (random() < 0.3) {
    const knee = between(random, -35, -20);
    sox.push('compand', '0.003,0.15', `6:-70,-70,${fixed(knee, 0)},${fixed(knee * between(random, 0.4, 0.7), 0)},0,-3`, '-2', '-90', '0.01');
  }
  // Room: small (drum booth) to large (hall); one-shots get a tail appended.
  if (random() < 0.4) {
    const small = random() < 0.6;
    sox.push('reverb', fixed(between(random, small ? 10 : 40, small ? 50 : 90), 0), '50', fixed(between(random, small ? 5 : 50, small ? 40 : 100), 0), '100', fixed(between(random, 0, 20), 0), fixed(between(random, -6, 0), 1));
  }
  if (random() < 0.15) {
    // Band-limiting as a low-rate sampler would (an explicit `rate` here clashes with sox's own
    // rate stage after `pitch`/`speed`): a steep low-pass at that rate's Nyquist.
    const rate = pick(random, [8000, 11025, 16000]);
    sox.push('sinc', `-${Math.round(rate * 0.45)}`);
  }
  const layerWith = !loop && partners.length > 0 && random() < 0.2 ? pick(random, partners) : null;
  const layerGain = between(random, 0.4, 1);
  const layerOffset = between(random, 0, 0.02);
  const noiseDb = random() < 0.4 ? between(random, -65, -35) : null;
  const roomTone = random() < 0.2;
  const bits = random() < 0.15 ? Math.round(between(random, 6, 12)) : null;
  const keepFraction = !loop && random() < 0.2 ? between(random, 0.35, 0.9) : null;
  return { sox, layerWith, layerGain, layerOffset, noiseDb, roomTone, bits, keepFraction };
}

async function decodeMono(path: string): Promise<{ samples: Float32Array; sampleRate: number }> {
  const decoded = await decodeAudio(new Uint8Array(readFileSync(path)), basename(path));
  return { samples: decoded.samples, sampleRate: decoded.sampleRate };
}

/** Runs sox on raw 32-bit float mono through stdin/stdout; -R repeatable, -D no dither (both: byte-identical reruns). */
function runSox(samples: Float32Array, sampleRate: number, effects: readonly string[]): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const raw = ['-t', 'f32', '-r', String(sampleRate), '-c', '1'];
    const child = spawn('sox', ['-R', '-D', '-V1', ...raw, '-', ...raw, '-', ...effects], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`sox ${effects.join(' ')}: ${stderr.trim()}`));
      const bytes = Buffer.concat(chunks);
      const out = new Float32Array(Math.floor(bytes.length / 4));
      for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
      resolve(out);
    });
    child.stdin.on('error', () => {}); // sox exiting early reports through 'close'
    child.stdin.end(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
  });
}

async function renderCopy(file: LabelledAudio, copy: number, partners: readonly string[], outPath: string): Promise<void> {
  const plan = planCopy(file, copy, partners);
  const random = createRandom(hashString(`${file.path}#${copy}#post`));
  const { samples: source, sampleRate } = await decodeMono(file.path);
  let samples = source;
  if (plan.layerWith) {
    const partner = (await decodeMono(plan.layerWith)).samples;
    const offset = Math.round(plan.layerOffset * sampleRate);
    const mixed = new Float32Array(Math.max(samples.length, partner.length + offset));
    mixed.set(samples);
    for (let i = 0; i < partner.length; i++) mixed[i + offset] += partner[i] * plan.layerGain;
    samples = mixed;
  }
  if (plan.sox.length > 0) samples = await runSox(samples, sampleRate, plan.sox);
  let peak = 0;
  for (const v of samples) peak = Math.max(peak, Math.abs(v));
  if (!(peak > 1e-4)) throw new Error('silent after effects');
  for (let i = 0; i < samples.length; i++) samples[i] /= peak;
  if (plan.keepFraction !== null) {
    // A sample editor's truncation: cut the tail, 10 ms fade.
    const keep = Math.max(Math.round(0.03 * sampleRate), Math.round(samples.length * plan.keepFraction));
    samples = samples.slice(0, keep);
    const fade = Math.min(keep, Math.round(0.01 * sampleRate));
    for (let i = 0; i < fade; i++) samples[keep - 1 - i] *= i / fade;
  }
  if (plan.noiseDb !== null || plan.roomTone) {
    // Noise floor (white) or room tone (low-passed, louder): what a real recording sits on.
    const whiteLevel = plan.noiseDb === null ? 0 : 10 ** (plan.noiseDb / 20);
    const roomLevel = plan.roomTone ? 10 ** (between(random, -45, -30) / 20) : 0;
    let room = 0;
    for (let i = 0; i < samples.length; i++) {
      const white = random() * 2 - 1;
      room = room * 0.97 + white * 0.03;
      samples[i] += white * whiteLevel * 1.7 + room * roomLevel * 10;
    }
  }
  if (plan.bits !== null) {
    const steps = 2 ** (plan.bits - 1);
    for (let i = 0; i < samples.length; i++) samples[i] = Math.round(samples[i] * steps) / steps;
  }
  // Peak-normalise to -1 dBFS like the renders, so level is not a tell.
  peak = 0;
  for (const v of samples) peak = Math.max(peak, Math.abs(v));
  const gain = 0.89 / Math.max(peak, 1e-9);
  for (let i = 0; i < samples.length; i++) samples[i] *= gain;
  writeFileSync(outPath, writeMonoWav(samples, sampleRate));
}

/** Augmented copies of `files` under `dir` (cached: existing copies are kept while AUGMENT_VERSION holds). */
export async function augmentAll(files: readonly LabelledAudio[], dir: string, options: AugmentOptions, log: (line: string) => void): Promise<AugmentedAudio[]> {
  const stampPath = join(dir, 'augment-version');
  if (!existsSync(stampPath) || readFileSync(stampPath, 'utf8') !== String(AUGMENT_VERSION)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(stampPath, String(AUGMENT_VERSION));
  }
  const byPackCategory = new Map<string, string[]>();
  for (const f of files) {
    const key = `${f.pack}|${f.category}|${f.kind}`;
    byPackCategory.set(key, [...(byPackCategory.get(key) ?? []), f.path]);
  }
  const jobs: { file: LabelledAudio; copy: number; out: string }[] = [];
  for (const file of files) {
    const copies = file.kind === 'loop' ? options.loopCopies : options.oneShotCopies;
    const packDir = join(dir, file.pack.replace(/[^A-Za-z0-9_-]/g, '_'));
    mkdirSync(packDir, { recursive: true });
    // Named by the source's path and content, so a re-rendered source never reuses a stale copy.
    const stem = `${hashString(file.path).toString(16).padStart(8, '0')}-${createHash('sha1').update(readFileSync(file.path)).digest('hex').slice(0, 8)}`;
    for (let copy = 0; copy < copies; copy++) jobs.push({ file, copy, out: join(packDir, `${stem}-${copy}.wav`) });
  }
  const todo = jobs.filter((j) => !existsSync(j.out));
  if (todo.length > 0) log(`  augmenting: ${todo.length} of ${jobs.length} copies to make`);
  const failed = new Set<string>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < todo.length) {
      const job = todo[next++];
      const partners = (byPackCategory.get(`${job.file.pack}|${job.file.category}|${job.file.kind}`) ?? []).filter((p) => p !== job.file.path);
      try {
        await renderCopy(job.file, job.copy, partners, job.out);
      } catch (error) {
        failed.add(job.out);
        log(`  could not augment ${job.file.path} (${job.copy}): ${error instanceof Error ? error.message : String(error)}`);
      }
      if (++done % 500 === 0) log(`  augmented ${done}/${todo.length}`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return jobs.filter((j) => !failed.has(j.out) && existsSync(j.out)).map((j) => ({ ...j.file, path: j.out, source: j.file.path }));
}
