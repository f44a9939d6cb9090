import { describe, expect, it } from 'vitest';
import { genreFromPath } from './genre-words.js';

describe('genreFromPath', () => {
  it.each([
    ['Vengeance Deep House Vol 2/Kicks/kick 01.wav', 'deep_house'],
    ['House/Kicks/kick.wav', 'house'],
    ['DnB Essentials/Breaks/amen 170.wav', 'drum_and_bass'],
    ['Drum & Bass/bass.wav', 'drum_and_bass'],
    ['drum_and_bass_loops/loop.wav', 'drum_and_bass'],
    ['Jungle Breaks/amen.wav', 'drum_and_bass'],
    ['Hip-Hop Drums/snare.wav', 'hip_hop'],
    ['Psy-Trance Leads/lead.wav', 'psytrance'],
    ['Trance/Psytrance Kicks/kick.wav', 'psytrance'],
    ['UK Garage Toolkit/2-Step Beats/beat.wav', 'uk_garage'],
    ['Lo-Fi Keys/rhodes.wav', 'lofi'],
    ['misc/trap_808_C.wav', 'trap'],
  ])('%s → %s', (path, genre) => {
    expect(genreFromPath(path)).toBe(genre);
  });

  it.each([['Kicks/kick 01.wav'], ['Trapeze Sounds/fx.wav'], ['Warehouse Recordings/perc.wav'], ['']])('%s names no genre', (path) => {
    expect(genreFromPath(path)).toBeNull();
  });
});
