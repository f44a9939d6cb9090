// Synthetic checks of the key estimator and the pure evaluation helper.
import { describe, expect, it } from 'vitest';
import { estimateKey, keyName } from '../../src-main/core/analyse/key.js';
import { evaluateMusical, parseKey } from '../../src-main/core/models/musical-evaluation.js';
import { musicalFields } from '../../src-main/core/models/musical-fields.js';
import { TEST_RATE, whiteNoise } from '../../src-main/core/analyse/testing/signals.js';
import { midiToFrequency } from '../../src-shared/music.js';

/** Harmonic tones (4 partials) for each chord, one chord per second, bass an octave or two below. */
function progression(chords: number[][], bass: number[], seconds = 1): Float32Array {
  const length = Math.round(chords.length * seconds * TEST_RATE);
  const out = new Float32Array(length);
  const addTone = (midi: number, from: number, amplitude: number) => {
    const hz = midiToFrequency(midi);
    for (let i = 0; i < seconds * TEST_RATE; i++) {
      const t = i / TEST_RATE;
      let value = 0;
      for (let h = 1; h <= 4; h++) value += Math.sin(2 * Math.PI * hz * h * t) / h;
      out[from + i] += amplitude * value * Math.exp(-t * 1.5);
    }
  };
  chords.forEach((chord, index) => {
    const from = Math.round(index * seconds * TEST_RATE);
    for (const midi of chord) addTone(midi, from, 0.1);
    addTone(bass[index], from, 0.2);
  });
  return out;
}

describe('estimateKey', () => {
  it('reads C major from I–IV–V–I', () => {
    const audio = progression([[60, 64, 67], [60, 65, 69], [59, 62, 67], [60, 64, 67]], [48, 41, 43, 48]);
    const key = estimateKey(audio, TEST_RATE);
    expect(key.key).toBe('C major');
    expect(key.strength).toBeGreaterThan(0.5);
  });

  // Am–F–C–G would be a fair coin (it is C major's vi–IV–I–V); i–VI–VII–i is not.
  it('reads A minor, not C major, from Am–F–G–Am', () => {
    const audio = progression([[57, 60, 64], [57, 60, 65], [55, 59, 62], [57, 60, 64]], [45, 41, 43, 45]);
    expect(estimateKey(audio, TEST_RATE).key).toBe('A minor');
  });

  it('reads F# minor (sharps, as note names use)', () => {
    const audio = progression([[54, 57, 61], [54, 59, 62], [56, 61, 65], [54, 57, 61]], [42, 47, 49, 42]);
    expect(estimateKey(audio, TEST_RATE).key).toBe('F# minor');
  });

  it('finds no key strength in noise or silence, and none below a second', () => {
    expect(estimateKey(whiteNoise(3 * TEST_RATE), TEST_RATE).strength).toBeLessThan(0.3);
    expect(estimateKey(new Float32Array(3 * TEST_RATE), TEST_RATE)).toEqual({ keyIndex: 0, key: null, strength: 0 });
    expect(estimateKey(new Float32Array(TEST_RATE / 2).fill(0.1), TEST_RATE).key).toBeNull();
  });

  it('names all 24 keys', () => {
    expect(keyName(0)).toBe('C major');
    expect(keyName(13)).toBe('C# minor');
    expect(keyName(23)).toBe('B minor');
  });
});

describe('musicalFields key gate', () => {
  const descriptors = { tempo: 120, key_index: 21, key_strength: 0.7, f0_hz: 0, f0_confidence: 0 };
  it('gives tonal loops a key and drum categories, one-shots and weak profiles none', () => {
    expect(musicalFields(descriptors, 'loop', 'loop').key).toBe('A minor');
    expect(musicalFields(descriptors, 'loop', 'kick').key).toBeNull();
    expect(musicalFields(descriptors, 'one-shot', 'pad').key).toBeNull();
    expect(musicalFields({ ...descriptors, key_strength: 0.3 }, 'loop', 'loop').key).toBeNull();
  });
});

describe('evaluateMusical', () => {
  it('parses key spellings', () => {
    expect(parseKey('F# minor')).toEqual({ tonic: 6, mode: 'minor' });
    expect(parseKey('Bb major')).toEqual({ tonic: 10, mode: 'major' });
    expect(parseKey('Am')).toEqual({ tonic: 9, mode: 'minor' });
    expect(parseKey('H dur')).toBeNull();
  });

  it('counts exact answers and the usual confusions', () => {
    const result = evaluateMusical([
      { truth: { note: 'C3', bpm: 120, key: 'A minor' }, estimate: { note: 'C3', bpm: 123, key: 'A minor' } },
      { truth: { note: 'C3', bpm: 120, key: 'A minor' }, estimate: { note: 'C2', bpm: 60, key: 'C major' } },
      { truth: { note: 'D#4', bpm: 90, key: 'C major' }, estimate: { note: null, bpm: 135, key: 'G major' } },
      { truth: { note: 'E1', bpm: 170, key: 'C major' }, estimate: { note: 'F1', bpm: null, key: 'C minor' } },
      { truth: { note: null, bpm: null, key: null }, estimate: { note: 'A4', bpm: 100, key: 'D major' } },
      { truth: {}, estimate: { note: 'A4', bpm: 100, key: 'D major' } },
    ]);
    expect(result.note).toEqual({ total: 4, exact: 1, accuracy: 0.25, octaveErrors: 1, missing: 1, spurious: 1 });
    expect(result.tempo).toEqual({ total: 4, within: 1, accuracy: 0.25, octaveErrors: 1, metricalErrors: 1, missing: 1, spurious: 1 });
    expect(result.key).toEqual({ total: 4, exact: 1, accuracy: 0.25, relative: 1, fifth: 1, parallel: 1, missing: 0, spurious: 1 });
  });
});
