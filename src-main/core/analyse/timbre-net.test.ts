import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, DRUM_CATEGORIES, type Category } from '../../../src-shared/taxonomy.js';
import { corpusEntries, repoRoot } from '../../../test/corpus.js';
import { analyse, DESCRIPTOR_NAMES } from './index.js';
import { MEL_BAND_COUNT } from './spectral-frame.js';
import { computeFrames } from './stft.js';
import { decodeCorpusFile } from './testing/corpus-audio.js';
import { sine, TEST_RATE } from './testing/signals.js';
import {
  normaliseTimbreInput, parseTimbreNet, timbreDescriptorName, timbreDescriptors, timbreInput, timbreLogProbabilities,
  TIMBRE_DESCRIPTOR_NAMES, TIMBRE_FRAMES, TIMBRE_NET_FILE, TIMBRE_PAD_DB, type TimbreNetJson,
} from './timbre-net.js';

const shipped = (): TimbreNetJson => parseTimbreNet(JSON.parse(readFileSync(join(repoRoot, 'resources', TIMBRE_NET_FILE), 'utf8')));

/** The smallest valid network: one 1-channel convolution, one dense layer straight to the logits. */
function tinyNet(): TimbreNetJson {
  const features = 2 * 1 * Math.floor(MEL_BAND_COUNT / 2);
  return {
    version: 1,
    input: { bands: MEL_BAND_COUNT, frames: TIMBRE_FRAMES, rangeDb: 80 },
    convs: [{ inChannels: 1, outChannels: 1, weights: [0, 0, 0, 0, 1, 0, 0, 0, 0], bias: [0] }],
    dense: [{ weights: CATEGORIES.map((_, c) => Array.from({ length: features }, (_, i) => (c === 0 && i < features / 2 ? 1 : 0))), bias: CATEGORIES.map(() => 0) }],
    classes: [...CATEGORIES],
    trainedOn: 'test',
  };
}

describe('timbre network input', () => {
  it('is the log-mel frames from the onset frame, band-major, padded with the floor after the end', () => {
    const table = computeFrames(sine(440, 0.2), TEST_RATE);
    const input = timbreInput(table, 3);
    expect(input.length).toBe(MEL_BAND_COUNT * TIMBRE_FRAMES);
    const band = 10;
    expect(input[band * TIMBRE_FRAMES + 0]).toBeCloseTo(table.vectors.logMel[3 * MEL_BAND_COUNT + band], 4);
    expect(input[band * TIMBRE_FRAMES + 5]).toBeCloseTo(table.vectors.logMel[8 * MEL_BAND_COUNT + band], 4);
    const framesLeft = table.frameCount - 3;
    expect(framesLeft).toBeLessThan(TIMBRE_FRAMES);
    expect(input[band * TIMBRE_FRAMES + framesLeft]).toBe(TIMBRE_PAD_DB);
  });

  it('is scaled to 0..1 below its loudest cell, so the level of a take does not matter', () => {
    const quiet = Float32Array.from([-60, -20, -100, -30]);
    const loud = Float32Array.from([-40, 0, -80, -10]);
    expect(Array.from(normaliseTimbreInput(quiet, 80))).toEqual(Array.from(normaliseTimbreInput(loud, 80)));
    expect(Array.from(normaliseTimbreInput(loud, 80))).toEqual([0.5, 1, 0, 0.875]);
  });
});

describe('parseTimbreNet', () => {
  it('accepts a well-formed network and names what is wrong with a broken one', () => {
    expect(() => parseTimbreNet(tinyNet())).not.toThrow();
    expect(() => parseTimbreNet({ ...tinyNet(), version: 2 })).toThrow(/version 2/);
    expect(() => parseTimbreNet({ ...tinyNet(), input: { bands: 64, frames: TIMBRE_FRAMES, rangeDb: 80 } })).toThrow(/bands/);
    expect(() => parseTimbreNet({ ...tinyNet(), convs: [{ ...tinyNet().convs[0], inChannels: 2 }] })).toThrow(/conv 0/);
    expect(() => parseTimbreNet({ ...tinyNet(), dense: [{ weights: [[1]], bias: [0] }] })).toThrow(/dense/);
    expect(() => parseTimbreNet({ ...tinyNet(), classes: CATEGORIES.slice(1) })).toThrow(/classes/);
    expect(() => parseTimbreNet(null)).toThrow(/invalid timbre network/);
  });
});

describe('timbre descriptors', () => {
  it('are log-probabilities over every category, uniform without a network', () => {
    expect(DESCRIPTOR_NAMES).toEqual(expect.arrayContaining([...TIMBRE_DESCRIPTOR_NAMES]));
    const input = timbreInput(computeFrames(sine(220, 0.5), TEST_RATE), 0);
    const uniform = timbreDescriptors(input, null);
    for (const category of CATEGORIES) expect(uniform[timbreDescriptorName(category)]).toBeCloseTo(-Math.log(CATEGORIES.length), 12);
    const fromNet = timbreLogProbabilities(input, tinyNet());
    expect(fromNet.reduce((sum, logP) => sum + Math.exp(logP), 0)).toBeCloseTo(1, 9);
    // The tiny network's only non-zero row reads the mean activity, so the first class wins.
    expect(fromNet[0]).toBeGreaterThan(fromNet[1]);
  });

  it('come out of analyse() from the network it is handed', () => {
    const samples = sine(330, 0.4);
    const withNet = analyse(samples, TEST_RATE, tinyNet()).descriptors;
    const without = analyse(samples, TEST_RATE).descriptors;
    expect(withNet[timbreDescriptorName('kick')]).toBeGreaterThan(without[timbreDescriptorName('kick')]);
    expect(withNet.mfcc_mean_1).toBe(without.mfcc_mean_1);
  });

  it('the shipped network names the corpus drums (its training data) and mostly the right class', async () => {
    const net = shipped();
    const drums = corpusEntries().filter((e) => (DRUM_CATEGORIES as readonly string[]).includes(e.category));
    let right = 0;
    for (const entry of drums) {
      const samples = await decodeCorpusFile(entry.path);
      const descriptors = analyse(samples, TEST_RATE, net).descriptors;
      const best = CATEGORIES.reduce((a, b) => (descriptors[timbreDescriptorName(a)] >= descriptors[timbreDescriptorName(b)] ? a : b));
      if (best === (entry.category as Category)) right++;
    }
    expect(drums.length).toBeGreaterThan(50);
    expect(right / drums.length).toBeGreaterThan(0.7);
  }, 120_000);
});
