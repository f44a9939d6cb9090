import { describe, expect, it } from 'vitest';
import { LIBRARY_METHODS, type LibraryMethod } from '../../src-shared/api.js';
import { LibraryError, type LibraryErrorCode } from '../../src-shared/errors.js';
import { IPC_LIMITS, isAbsolutePath, validateArgs } from '../../src-shared/validate-args.js';

const bytes = new Uint8Array([82, 73, 70, 70]);

/** Arguments each method must accept. The Record type makes a new API method fail to compile here. */
const GOOD: Record<LibraryMethod, unknown[][]> = {
  stats: [[]],
  listSamples: [
    [{}],
    [{ text: 'kick', category: 'kick', genre: 'techno', kind: 'loop', bpmMin: 120, bpmMax: 130, key: 'A minor', flaggedOnly: true,
      failedOnly: false, favouritesOnly: true, tag: 'dark', offset: 0, limit: 100, sort: 'bpm' }],
    [{ text: undefined, limit: IPC_LIMITS.maxPageSize }],
  ],
  getSample: [[1], [Number.MAX_SAFE_INTEGER]],
  getWaveform: [[7]],
  similarToSample: [[3], [3, undefined], [3, { n: 10, category: 'snare', kind: 'one-shot' }], [3, {}]],
  similarToAudio: [[bytes, 'drop.wav'], [bytes, 'drop.wav', { n: 5 }], [new Uint8Array(0), 'empty.wav']],
  indexFolders: [[['/home/me/Samples']], [['/a', 'C:\\Samples', 'D:/Loops', '\\\\nas\\share']]],
  setTags: [[1, []], [1, ['dark', 'x'.repeat(IPC_LIMITS.maxTagLength)]]],
  setFavourite: [[1, true], [2, false]],
  setGenre: [[1, 'deep_house'], [1, null]],
  setCategory: [[1, 'kick'], [1, null]],
  soundMap: [[]],
};

/** Arguments each method must refuse, with the error code the caller gets. */
const BAD: Record<LibraryMethod, [unknown[], LibraryErrorCode?][]> = {
  stats: [[[1]], [[{}]]],
  listSamples: [
    [[]], [[null]], [['text']], [[[]]], [[{ nope: 1 }]], [[{ text: 5 }]], [[{ text: '' }]], [[{ text: 'x'.repeat(501) }]],
    [[{ category: 'banjo' }]], [[{ kind: 'drone' }]], [[{ bpmMin: -1 }]], [[{ bpmMax: Number.NaN }]], [[{ bpmMax: '120' }]],
    [[{ flaggedOnly: 'yes' }]], [[{ offset: -1 }]], [[{ offset: 1.5 }]], [[{ limit: 0 }]], [[{ limit: IPC_LIMITS.maxPageSize + 1 }]],
    [[{ sort: 'size' }]], [[{}, {}]], [[new Date()]],
  ],
  getSample: [[[]], [[0]], [[-3]], [[1.5]], [['1']], [[Number.NaN]], [[Infinity]], [[2 ** 53]], [[1, 2]]],
  getWaveform: [[[0]], [['7']], [[null]]],
  similarToSample: [[[0]], [[1, { n: 0 }]], [[1, { n: IPC_LIMITS.maxNeighbours + 1 }]], [[1, { k: 5 }]], [[1, { kind: 'x' }]], [[1, 'opts']], [[1, {}, 3]]],
  similarToAudio: [
    [[]], [[bytes]], [['RIFF', 'a.wav']], [[[1, 2, 3], 'a.wav']], [[bytes.buffer, 'a.wav']], [[bytes, '']], [[bytes, 'x'.repeat(256)]],
    [[bytes, 5]], [[bytes, 'a.wav', { n: -1 }]],
    [[new Uint8Array(IPC_LIMITS.maxAudioBytes + 1), 'big.wav'], 'too_large'],
  ],
  indexFolders: [
    [[[]]], [['/home']], [[[5]]], [[['']]], [[['relative/path']]], [[['./x']]], [[['~/Samples']]], [[['/a\0b']]],
    [[Array.from({ length: IPC_LIMITS.maxFolders + 1 }, (_, i) => `/f${i}`)]], [[['/a'], ['/b']]],
  ],
  setTags: [
    [[1]], [[1, 'dark']], [[1, [5]]], [[1, ['x'.repeat(IPC_LIMITS.maxTagLength + 1)]]], [[0, []]],
    [[1, Array.from({ length: IPC_LIMITS.maxTags + 1 }, (_, i) => `t${i}`)]],
  ],
  setFavourite: [[[1]], [[1, 'true']], [[1, 1]], [['1', true]], [[1, true, true]]],
  setGenre: [[[1]], [[1, 'Deep House']], [[1, 5]], [[0, 'house']], [[1, '']]],
  setCategory: [[[1]], [[1, 'banjo']], [[1, 'Kick']], [['1', 'kick']]],
  soundMap: [[[1]]],
};

describe('validateArgs', () => {
  for (const method of LIBRARY_METHODS) {
    it(`${method}: accepts well-formed arguments`, () => {
      for (const args of GOOD[method]) expect(() => validateArgs(method, args), JSON.stringify(args)).not.toThrow();
    });

    it(`${method}: refuses malformed arguments with a LibraryError`, () => {
      for (const [index, [args, code = 'bad_request']] of BAD[method].entries()) {
        let thrown: unknown = null;
        try {
          validateArgs(method, args);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${method}: bad case #${index}`).toBeInstanceOf(LibraryError);
        expect((thrown as LibraryError).code).toBe(code);
      }
    });
  }

  it('returns the arguments it checked, dropping undefined optional fields', () => {
    expect(validateArgs('listSamples', [{ text: 'kick', limit: undefined }])).toEqual([{ text: 'kick' }]);
    expect(validateArgs('similarToSample', [4])).toEqual([4, undefined]);
    expect(validateArgs('setTags', [2, ['a', 'b']])).toEqual([2, ['a', 'b']]);
  });

  it('says which field is wrong', () => {
    expect(() => validateArgs('listSamples', [{ bpmMin: 'fast' }])).toThrow(/query\.bpmMin/);
    expect(() => validateArgs('listSamples', [{ colour: 'red' }])).toThrow(/unknown field "colour"/);
    expect(() => validateArgs('indexFolders', [['/ok', 'rel']])).toThrow(/folders\[1\]/);
  });
});

describe('isAbsolutePath', () => {
  it('knows POSIX and Windows absolute paths', () => {
    for (const path of ['/', '/Users/me', 'C:\\x', 'c:/x', '\\\\server\\share']) expect(isAbsolutePath(path), path).toBe(true);
    for (const path of ['', 'x', './x', '../x', 'C:x', '~/x', 'file:///x']) expect(isAbsolutePath(path), path).toBe(false);
  });
});
