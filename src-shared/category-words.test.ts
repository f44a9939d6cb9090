import { describe, expect, it } from 'vitest';
import { categoryFromName, categoryFromPath, nameWords } from './category-words.js';

describe('nameWords', () => {
  it('splits names as producers spell them: separators, camel case, letters against digits', () => {
    expect(nameWords('HiHat_Open-02')).toEqual(['hi', 'hat', 'open', '02']);
    expect(nameWords('BD808 Hard')).toEqual(['bd', '808', 'hard']);
    expect(nameWords('OHH  (long).v2')).toEqual(['ohh', 'long', 'v', '2']);
  });
});

describe('categoryFromName', () => {
  it('reads the abbreviations and plurals sample packs use', () => {
    expect(categoryFromName('BD_808_Hard')).toBe('kick');
    expect(categoryFromName('Kicks')).toBe('kick');
    expect(categoryFromName('SNR Tight 04')).toBe('snare');
    expect(categoryFromName('HiHat_Open')).toBe('hihat');
    expect(categoryFromName('CHH 3')).toBe('hihat');
    expect(categoryFromName('Crash Cymbal Long')).toBe('cymbal');
    expect(categoryFromName('drum_cymbal_closed')).toBe('hihat');
    expect(categoryFromName('drum_cymbal_pedal')).toBe('hihat');
    expect(categoryFromName('Cymbal 2')).toBe('cymbal');
    expect(categoryFromName('Floor Tom')).toBe('tom');
    expect(categoryFromName('Shaker 16th')).toBe('perc');
    expect(categoryFromName('Vox Chop 3')).toBe('vocal');
    expect(categoryFromName('Rhodes C3')).toBe('keys');
    expect(categoryFromName('Reese Bass F#1')).toBe('bass');
    expect(categoryFromName('Riser 8 bars')).toBe('fx');
  });

  it('resolves compound names the way TAXONOMY files them', () => {
    expect(categoryFromName('Kick Loop 128')).toBe('loop');
    expect(categoryFromName('Bass Drum 1')).toBe('kick');
    expect(categoryFromName('Sub Kick')).toBe('kick');
    expect(categoryFromName('Snap Clap')).toBe('clap');
    expect(categoryFromName('White Noise Hat')).toBe('hihat');
  });

  it('matches whole words only, and says nothing where no word names a sound', () => {
    expect(categoryFromName('Custom Hit 01')).toBeNull();
    expect(categoryFromName('Sharpness')).toBeNull();
    expect(categoryFromName('Breakdown')).toBeNull();
    expect(categoryFromName('Untitled 17')).toBeNull();
  });
});

describe('categoryFromPath', () => {
  it('reads the file name first, then the folder it sits in, and no folder above', () => {
    expect(categoryFromPath('/packs/Deep House/Drums/Kicks/Kick 01.wav')).toEqual({ category: 'kick', from: 'file' });
    expect(categoryFromPath('/packs/Deep House/Drums/Snares/Tight 04.wav')).toEqual({ category: 'snare', from: 'folder' });
    expect(categoryFromPath('C:\\Samples\\Loops\\Groove 120.flac')).toEqual({ category: 'loop', from: 'folder' });
    expect(categoryFromPath('/home/tom/Samples/Take 3.wav')).toBeNull();
    expect(categoryFromPath('/home/user/Kick.Loop.wav')).toEqual({ category: 'loop', from: 'file' });
  });
});
