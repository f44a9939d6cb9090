// The name signal on real pack names: the public corpus's Debian file and folder names against its
// labels. Where a name speaks, it mostly agrees; where it disagrees, the name means something else
// than TAXONOMY does ("drum_bass_hard" is sonic-pi's bass drum, "bassloops/techno_bass01" a loop).
import { describe, expect, it } from 'vitest';
import { categoryFromPath } from '../../src-shared/category-words.js';
import { corpusEntries } from '../corpus.js';

describe('category from names, on the public corpus', () => {
  it('names a category for most files and agrees with the label for at least four in five of them', () => {
    const entries = corpusEntries();
    const said = entries.flatMap((entry) => {
      const name = categoryFromPath(entry.path);
      return name ? [{ entry, name }] : [];
    });
    const agreeing = said.filter(({ entry, name }) => name.category === entry.category);
    expect(said.length / entries.length).toBeGreaterThan(0.7);
    expect(agreeing.length / said.length).toBeGreaterThan(0.8);
    // Each drum class the corpus holds is recognised by name somewhere, not just the easy ones.
    for (const category of ['kick', 'snare', 'hihat', 'cymbal', 'tom', 'perc']) {
      expect(agreeing.some(({ entry }) => entry.category === category), category).toBe(true);
    }
  });
});
