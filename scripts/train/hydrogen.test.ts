import { describe, expect, it } from 'vitest';
import { drumCategoryFromName } from './hydrogen.js';

describe('drumCategoryFromName (the Hydrogen test set labels)', () => {
  it('reads the drum a kit instrument names, in the order that resolves compound names', () => {
    expect(drumCategoryFromName('Kick Long')).toBe('kick');
    expect(drumCategoryFromName('Hand Clap')).toBe('clap');
    expect(drumCategoryFromName('Snare Rimshot (Pearl Free Floating Maple 14x3.5)')).toBe('snare');
    expect(drumCategoryFromName('Hi-Hat Pedal (Paiste Alpha Metal edge 14")')).toBe('hihat');
    expect(drumCategoryFromName('f4 - ride bell')).toBe('cymbal');
    expect(drumCategoryFromName('Tom Hi')).toBe('tom');
  });

  it("files TAXONOMY's other percussion as perc and zaps as fx", () => {
    for (const name of ['Rim Click (Pearl Free Floating Maple 14x3.5)', 'Pearl Side Stick', 'Cajon Thump', 'Agogo High (Pearl ECB-23)', 'Djembe1 Slap', 'Kenkeni1 Bell Mute', 'WaterglassHi', 'Finger Snaps']) {
      expect(drumCategoryFromName(name), name).toBe('perc');
    }
    // The kit's own rule on top of the shared words: a bell in a drum kit is struck percussion.
    expect(drumCategoryFromName('Paiste Bell')).toBe('perc');
    expect(drumCategoryFromName('Zap 1')).toBe('fx');
    expect(drumCategoryFromName('FX')).toBe('fx');
  });

  it('leaves a sound no name identifies unlabelled rather than calling it perc', () => {
    expect(drumCategoryFromName('Sample: beats_01-10.flac')).toBeNull();
    expect(drumCategoryFromName('f#4 - ')).toBeNull();
    expect(drumCategoryFromName('Drum 1')).toBeNull();
    expect(drumCategoryFromName('emptySample.flac')).toBeNull();
  });
});
