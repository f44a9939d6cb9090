// A small synthesiser for the electronic sounds General MIDI soundfonts lack: 808-style kicks,
// noise snares and claps, metallic hats and cymbals, synth basses, leads, pads, risers and
// impacts. Each file is one seeded recipe, so the "synth" pack renders identically every time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Category } from '../../../src-shared/taxonomy.js';
import { midiToFrequency, midiToNoteName } from '../../../src-shared/music.js';
import { createRandom, hashString, randomInt } from './prng.js';
import { MANIFEST_HEADER, manifestLine, parseManifest, RENDER_VERSION, type RenderedFile } from './render.js';
import { writeMonoWav } from './wav.js';

const RATE = 44100;
type Random = () => number;

const between = (random: Random, low: number, high: number) => low + random() * (high - low);

/** State-variable filter (Chamberlin), enough for lowpass/bandpass/highpass colouring. */
function svf(input: Float32Array, cutoffHz: (i: number) => number, resonance: number, mode: 'low' | 'band' | 'high'): Float32Array {
  const out = new Float32Array(input.length);
  let low = 0;
  let band = 0;
  const damping = 2 - 2 * Math.min(0.95, resonance);
  for (let i = 0; i < input.length; i++) {
    const f = 2 * Math.sin((Math.PI * Math.min(cutoffHz(i), RATE / 6)) / RATE);
    low += f * band;
    const high = input[i] - low - damping * band;
    band += f * high;
    out[i] = mode === 'low' ? low : mode === 'band' ? band : high;
  }
  return out;
}

const seconds = (s: number) => new Float32Array(Math.round(s * RATE));
const expDecay = (i: number, decaySec: number) => Math.exp(-i / (decaySec * RATE));

function noise(length: number, random: Random): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = random() * 2 - 1;
  return out;
}

/** Sum of detuned square waves: the 808 recipe for hats, cymbals and cowbells. */
function metallic(length: number, frequencies: number[]): Float32Array {
  const out = new Float32Array(length);
  for (const f of frequencies) for (let i = 0; i < length; i++) out[i] += ((i * f) / RATE) % 1 < 0.5 ? 1 : -1;
  return out;
}

function oscillator(length: number, frequency: (i: number) => number, shape: 'sine' | 'saw' | 'square'): Float32Array {
  const out = new Float32Array(length);
  let phase = 0;
  for (let i = 0; i < length; i++) {
    phase = (phase + frequency(i) / RATE) % 1;
    out[i] = shape === 'sine' ? Math.sin(2 * Math.PI * phase) : shape === 'saw' ? 2 * phase - 1 : phase < 0.5 ? 1 : -1;
  }
  return out;
}

function shape(buffer: Float32Array, envelope: (i: number) => number): Float32Array {
  for (let i = 0; i < buffer.length; i++) buffer[i] *= envelope(i);
  return buffer;
}

function mix(...parts: [Float32Array, number][]): Float32Array {
  const out = new Float32Array(Math.max(...parts.map(([p]) => p.length)));
  for (const [part, gain] of parts) for (let i = 0; i < part.length; i++) out[i] += part[i] * gain;
  return out;
}

const attackRelease = (attackSec: number, holdSec: number, releaseSec: number) => (i: number) => {
  const t = i / RATE;
  if (t < attackSec) return t / attackSec;
  if (t < attackSec + holdSec) return 1;
  return Math.max(0, 1 - (t - attackSec - holdSec) / releaseSec);
};

interface Recipe {
  samples: Float32Array;
  note: string;
  detail: string;
}

const RECIPES: Partial<Record<Category, (random: Random) => Recipe>> = {
  kick(random) {
    const decay = between(random, 0.15, 0.9);
    const low = between(random, 38, 60);
    const high = between(random, 120, 260);
    const buffer = seconds(decay * 3);
    const body = shape(oscillator(buffer.length, (i) => low + (high - low) * expDecay(i, between(random, 0.02, 0.06)), 'sine'), (i) => expDecay(i, decay));
    const click = shape(noise(buffer.length, random), (i) => expDecay(i, 0.003));
    const drive = between(random, 1, 4);
    return { samples: mix([body.map((x) => Math.tanh(x * drive)), 1], [click, between(random, 0.05, 0.4)]), note: '', detail: `808 kick ${low.toFixed(0)}Hz decay ${decay.toFixed(2)}s` };
  },
  snare(random) {
    const length = Math.round(between(random, 0.25, 0.6) * RATE);
    const tone = shape(oscillator(length, (i) => between(random, 170, 260) * (1 + 0.5 * expDecay(i, 0.01)), 'sine'), (i) => expDecay(i, 0.05));
    const centre = between(random, 1500, 6000);
    const rattle = shape(svf(noise(length, random), () => centre, 0.3, 'band'), (i) => expDecay(i, between(random, 0.06, 0.15)));
    return { samples: mix([tone, between(random, 0.3, 0.8)], [rattle, 1.5]), note: '', detail: 'noise snare' };
  },
  clap(random) {
    const length = Math.round(between(random, 0.3, 0.7) * RATE);
    const bursts = randomInt(random, 3, 5);
    const spacing = between(random, 0.006, 0.014);
    const tail = between(random, 0.05, 0.2);
    const env = (i: number) => {
      const t = i / RATE;
      const lastBurst = (bursts - 1) * spacing;
      if (t < lastBurst) return Math.exp(-((t % spacing) / 0.003));
      return Math.exp(-(t - lastBurst) / tail);
    };
    const centre = between(random, 900, 2200);
    return { samples: shape(svf(noise(length, random), () => centre, 0.5, 'band'), env), note: '', detail: `clap ${bursts} bursts` };
  },
  hihat(random) {
    const open = random() < 0.35;
    const decay = open ? between(random, 0.15, 0.5) : between(random, 0.02, 0.07);
    const length = Math.round((decay * 5 + 0.02) * RATE);
    const base = between(random, 180, 420);
    const source = random() < 0.5 ? metallic(length, [2, 3, 4.16, 5.43, 6.79, 8.21].map((r) => r * base)) : noise(length, random);
    const cutoff = between(random, 6000, 10000);
    return { samples: shape(svf(source, () => cutoff, 0.2, 'high'), (i) => expDecay(i, decay)), note: '', detail: open ? 'open hat' : 'closed hat' };
  },
  cymbal(random) {
    const decay = between(random, 0.6, 2);
    const length = Math.round(decay * 4 * RATE);
    const base = between(random, 200, 500);
    const source = mix([metallic(length, [2, 3, 4.16, 5.43, 6.79, 8.21].map((r) => r * base)), 0.5], [noise(length, random), 0.6]);
    const cutoff = between(random, 3000, 7000);
    return { samples: shape(svf(source, () => cutoff, 0.1, 'high'), (i) => expDecay(i, decay)), note: '', detail: 'metallic cymbal' };
  },
  tom(random) {
    const pitch = between(random, 70, 260);
    const decay = between(random, 0.15, 0.45);
    const length = Math.round(decay * 4 * RATE);
    const body = shape(oscillator(length, (i) => pitch * (1 + 0.4 * expDecay(i, 0.04)), 'sine'), (i) => expDecay(i, decay));
    const skin = shape(svf(noise(length, random), () => pitch * 4, 0.3, 'band'), (i) => expDecay(i, 0.02));
    return { samples: mix([body, 1], [skin, 0.3]), note: '', detail: `tom ${pitch.toFixed(0)}Hz` };
  },
  perc(random) {
    const variant = randomInt(random, 0, 3);
    const length = Math.round(0.4 * RATE);
    if (variant === 0) {
      const samples = shape(svf(metallic(length, [540, 800]), () => 900, 0.6, 'band'), (i) => expDecay(i, 0.06));
      return { samples, note: '', detail: 'cowbell' };
    }
    if (variant === 1) {
      const pitch = between(random, 700, 1800);
      return { samples: shape(oscillator(length, () => pitch, 'sine'), (i) => expDecay(i, 0.015)), note: '', detail: 'woodblock' };
    }
    if (variant === 2) {
      const shakeLength = Math.round(between(random, 0.08, 0.2) * RATE);
      const samples = shape(svf(noise(shakeLength, random), () => 7000, 0.4, 'band'), attackRelease(0.02, 0.01, shakeLength / RATE - 0.03));
      return { samples, note: '', detail: 'shaker' };
    }
    const pitch = between(random, 180, 420);
    return { samples: shape(oscillator(length, (i) => pitch * (1 + 0.2 * expDecay(i, 0.01)), 'sine'), (i) => expDecay(i, 0.05)), note: '', detail: 'conga' };
  },
  bass(random) {
    const midi = randomInt(random, 28, 50);
    const length = between(random, 0.3, 1.5);
    const waveform = random() < 0.5 ? 'saw' : random() < 0.5 ? 'square' : 'sine';
    const cutoff = between(random, 200, 1200);
    const raw = oscillator(Math.round(length * RATE), () => midiToFrequency(midi), waveform);
    const filtered = svf(raw, (i) => cutoff * (1 + 2 * expDecay(i, 0.08)), 0.5, 'low');
    return { samples: shape(filtered, attackRelease(0.005, length * 0.7, length * 0.3)), note: midiToNoteName(midi), detail: `${waveform} bass` };
  },
  lead(random) {
    const midi = randomInt(random, 60, 84);
    const length = between(random, 0.3, 1.2);
    const waveform = random() < 0.6 ? 'saw' : 'square';
    const n = Math.round(length * RATE);
    const detune = between(random, 0.002, 0.01);
    const raw = mix([oscillator(n, () => midiToFrequency(midi) * (1 + detune), waveform), 0.5], [oscillator(n, () => midiToFrequency(midi) * (1 - detune), waveform), 0.5]);
    const cutoff = between(random, 1500, 6000);
    return { samples: shape(svf(raw, () => cutoff, 0.4, 'low'), attackRelease(0.01, length * 0.6, length * 0.4)), note: midiToNoteName(midi), detail: `${waveform} lead` };
  },
  pad(random) {
    const midi = randomInt(random, 45, 69);
    const length = between(random, 2.5, 4.5);
    const n = Math.round(length * RATE);
    const voices: [Float32Array, number][] = [0, 3, 7, 12].slice(0, randomInt(random, 2, 4)).flatMap((interval) =>
      [-0.006, 0.006].map((d): [Float32Array, number] => [oscillator(n, () => midiToFrequency(midi + interval) * (1 + d), 'saw'), 0.2]));
    const cutoff = between(random, 600, 2500);
    const attack = between(random, 0.3, 1.2);
    return { samples: shape(svf(mix(...voices), (i) => cutoff * (1 + 0.3 * Math.sin(i / RATE)), 0.2, 'low'), attackRelease(attack, length - attack - 1, 1)), note: midiToNoteName(midi), detail: 'detuned saw pad' };
  },
  fx(random) {
    const variant = randomInt(random, 0, 3);
    if (variant === 0 || variant === 1) {
      const rising = variant === 0;
      const length = between(random, 1.5, 4);
      const n = Math.round(length * RATE);
      const sweep = (i: number) => { const t = i / n; return 200 * 40 ** (rising ? t : 1 - t); };
      const samples = shape(svf(noise(n, random), sweep, 0.7, 'band'), (i) => (rising ? i / n : 1 - i / n));
      return { samples, note: '', detail: rising ? 'noise riser' : 'downlifter' };
    }
    if (variant === 2) {
      const n = Math.round(between(random, 1, 2.5) * RATE);
      const boom = shape(oscillator(n, (i) => 30 + 80 * expDecay(i, 0.1), 'sine'), (i) => expDecay(i, 0.5));
      const crash = shape(svf(noise(n, random), () => 3000, 0.1, 'low'), (i) => expDecay(i, 0.3));
      return { samples: mix([boom, 1], [crash, 0.6]), note: '', detail: 'impact' };
    }
    const n = Math.round(between(random, 0.1, 0.5) * RATE);
    const start = between(random, 400, 3000);
    const end = between(random, 100, 6000);
    return { samples: shape(oscillator(n, (i) => start + ((end - start) * i) / n, random() < 0.5 ? 'sine' : 'square'), (i) => expDecay(i, 0.08)), note: '', detail: 'blip' };
  },
};

/** Renders `perCategory` seeded recipes of every synthesised category into `outputRoot/synth`. */
export function renderSynthPack(outputRoot: string, perCategory = 20): RenderedFile[] {
  const pack = 'synth';
  const dir = join(outputRoot, pack);
  const manifestPath = join(dir, 'manifest.csv');
  const stampPath = join(dir, 'render-version');
  if (existsSync(manifestPath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === String(RENDER_VERSION)) {
    return parseManifest(readFileSync(manifestPath, 'utf8'));
  }
  mkdirSync(dir, { recursive: true });
  const files: RenderedFile[] = [];
  for (const [category, recipe] of Object.entries(RECIPES) as [Category, (random: Random) => Recipe][]) {
    for (let n = 0; n < perCategory; n++) {
      const random = createRandom(hashString(`${pack}:${category}:${n}`));
      const { samples, note, detail } = recipe(random);
      let peak = 0;
      for (const value of samples) peak = Math.max(peak, Math.abs(value));
      for (let i = 0; i < samples.length; i++) samples[i] *= 0.89 / (peak || 1);
      const path = join(dir, `${category}-${String(n).padStart(3, '0')}.wav`);
      writeFileSync(path, writeMonoWav(samples, RATE));
      files.push({ path, pack, category, kind: 'one-shot', bpm: null, note, detail });
    }
  }
  writeFileSync(manifestPath, [MANIFEST_HEADER, ...files.map(manifestLine)].join('\n') + '\n');
  writeFileSync(stampPath, String(RENDER_VERSION));
  return files;
}
