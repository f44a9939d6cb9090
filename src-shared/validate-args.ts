// Every IPC argument is checked before it reaches the core: the renderer is treated as untrusted
// input, like an HTTP client. One validator per LibraryApi method, each returning the arguments
// typed as the method expects. Shared by Electron IPC and the HTTP server's generic /api/call.
import type { LibraryApi, LibraryMethod, SampleQuery, SimilarOptions } from './api.js';
import { LibraryError } from './errors.js';
import { CATEGORIES, KINDS, isCategory, isKind } from './taxonomy.js';

export const IPC_LIMITS = {
  /** Same default as the server's upload limit: a dropped file to find similar sounds for. */
  maxAudioBytes: 50 * 1024 * 1024,
  maxPageSize: 10_000,
  /** The service clamps neighbour counts to this too. */
  maxNeighbours: 1000,
  maxFolders: 256,
  maxPathLength: 4096,
  maxTags: 64,
  /** The service drops longer tags silently; refusing them here tells the caller. */
  maxTagLength: 64,
  maxFileNameLength: 255,
  maxTextLength: 500,
} as const;

export type LibraryArgs<M extends LibraryMethod> = Parameters<LibraryApi[M]>;

const SORT_KEYS = ['name', 'path', 'category', 'duration', 'bpm'] as const satisfies readonly NonNullable<SampleQuery['sort']>[];

function badRequest(message: string): LibraryError {
  return new LibraryError('bad_request', message);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function arity(method: LibraryMethod, args: readonly unknown[], required: number, optional = 0): void {
  // Structured clone keeps trailing `undefined`s, so an omitted optional argument may still arrive.
  let given = args.length;
  while (given > required && args[given - 1] === undefined) given--;
  if (given < required || given > required + optional) {
    const expected = optional ? `${required} to ${required + optional}` : String(required);
    throw badRequest(`${method} takes ${expected} argument(s), got ${args.length}`);
  }
}

function sampleId(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw badRequest(`${name} must be a positive integer sample id`);
  }
  return value;
}

function integerIn(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function finiteNonNegative(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw badRequest(`${name} must be a number ≥ 0`);
  return value;
}

function shortString(name: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw badRequest(`${name} must be a non-empty string of at most ${maxLength} characters`);
  }
  return value;
}

/** Genre names are lower-case snake_case words (`deep_house`), as the export writes them. */
function genreName(name: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[a-z0-9_]{2,40}$/.test(value)) throw badRequest(`${name} must be a lower-case name like deep_house, or null`);
  return value;
}

function boolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw badRequest(`${name} must be true or false`);
  return value;
}

function category(name: string, value: unknown): NonNullable<SampleQuery['category']> {
  if (typeof value !== 'string' || !isCategory(value)) throw badRequest(`${name} must be one of: ${CATEGORIES.join(', ')}`);
  return value;
}

function kind(name: string, value: unknown): NonNullable<SampleQuery['kind']> {
  if (typeof value !== 'string' || !isKind(value)) throw badRequest(`${name} must be one of: ${KINDS.join(', ')}`);
  return value;
}

/** Checks an object's keys against a table of field validators; unknown keys are refused, undefined fields skipped. */
function fields<T extends object>(name: string, value: unknown, table: { [K in keyof T]-?: (field: string, raw: unknown) => T[K] }): T {
  if (!isPlainObject(value)) throw badRequest(`${name} must be an object`);
  const result: Partial<T> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (!Object.hasOwn(table, key)) throw badRequest(`${name} has an unknown field "${key}"; expected: ${Object.keys(table).join(', ')}`);
    if (raw === undefined) continue;
    const field = key as keyof T;
    result[field] = table[field](`${name}.${key}`, raw);
  }
  return result as T;
}

const text = (max: number) => (field: string, raw: unknown): string => shortString(field, raw, max);

function sampleQuery(value: unknown): SampleQuery {
  return fields<SampleQuery>('query', value, {
    text: text(IPC_LIMITS.maxTextLength),
    category,
    genre: text(IPC_LIMITS.maxTextLength),
    kind,
    bpmMin: finiteNonNegative,
    bpmMax: finiteNonNegative,
    key: text(IPC_LIMITS.maxTextLength),
    flaggedOnly: boolean,
    failedOnly: boolean,
    favouritesOnly: boolean,
    tag: text(IPC_LIMITS.maxTagLength),
    offset: (field, raw) => integerIn(field, raw, 0, Number.MAX_SAFE_INTEGER),
    limit: (field, raw) => integerIn(field, raw, 1, IPC_LIMITS.maxPageSize),
    sort: (field, raw) => {
      const sort = SORT_KEYS.find((key) => key === raw);
      if (!sort) throw badRequest(`${field} must be one of: ${SORT_KEYS.join(', ')}`);
      return sort;
    },
  });
}

function similarOptions(value: unknown): SimilarOptions | undefined {
  if (value === undefined) return undefined;
  return fields<SimilarOptions>('options', value, {
    n: (field, raw) => integerIn(field, raw, 1, IPC_LIMITS.maxNeighbours),
    category,
    kind,
  });
}

/**
 * Absolute on POSIX (`/…`) or Windows (`C:\…`, `\\server\share`). Written without node:path so this
 * file stays layer-free; the core resolves and checks existence itself.
 */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

function folderList(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > IPC_LIMITS.maxFolders) {
    throw badRequest(`folders must be a list of 1 to ${IPC_LIMITS.maxFolders} absolute paths`);
  }
  return value.map((folder, index) => {
    const path = shortString(`folders[${index}]`, folder, IPC_LIMITS.maxPathLength);
    if (path.includes('\0') || !isAbsolutePath(path)) throw badRequest(`folders[${index}] must be an absolute path`);
    return path;
  });
}

function audioBytes(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) throw badRequest('bytes must be a Uint8Array');
  if (value.byteLength > IPC_LIMITS.maxAudioBytes) {
    throw new LibraryError('too_large', `audio over ${IPC_LIMITS.maxAudioBytes} bytes`);
  }
  return value;
}

function tagList(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > IPC_LIMITS.maxTags) throw badRequest(`tags must be a list of at most ${IPC_LIMITS.maxTags} strings`);
  return value.map((tag, index) => {
    if (typeof tag !== 'string' || tag.length > IPC_LIMITS.maxTagLength) {
      throw badRequest(`tags[${index}] must be a string of at most ${IPC_LIMITS.maxTagLength} characters`);
    }
    return tag;
  });
}

type ArgsValidators = { [M in LibraryMethod]: (args: readonly unknown[]) => LibraryArgs<M> };

const VALIDATORS: ArgsValidators = {
  stats: (args) => (arity('stats', args, 0), []),
  listSamples: (args) => (arity('listSamples', args, 1), [sampleQuery(args[0])]),
  getSample: (args) => (arity('getSample', args, 1), [sampleId('id', args[0])]),
  getWaveform: (args) => (arity('getWaveform', args, 1), [sampleId('id', args[0])]),
  similarToSample: (args) => (arity('similarToSample', args, 1, 1), [sampleId('id', args[0]), similarOptions(args[1])]),
  similarToAudio: (args) => (
    arity('similarToAudio', args, 2, 1),
    [audioBytes(args[0]), shortString('fileName', args[1], IPC_LIMITS.maxFileNameLength), similarOptions(args[2])]
  ),
  indexFolders: (args) => (arity('indexFolders', args, 1), [folderList(args[0])]),
  setTags: (args) => (arity('setTags', args, 2), [sampleId('id', args[0]), tagList(args[1])]),
  setFavourite: (args) => (arity('setFavourite', args, 2), [sampleId('id', args[0]), boolean('favourite', args[1])]),
  setGenre: (args) => (arity('setGenre', args, 2), [sampleId('id', args[0]), args[1] === null ? null : genreName('genre', args[1])]),
  soundMap: (args) => (arity('soundMap', args, 0), []),
  setCategory: (args) => (arity('setCategory', args, 2), [sampleId('id', args[0]), args[1] === null ? null : category('category', args[1])]),
};

/** The arguments typed for `method`, or a LibraryError('bad_request' | 'too_large') saying what is wrong. */
export function validateArgs<M extends LibraryMethod>(method: M, args: readonly unknown[]): LibraryArgs<M> {
  const validate = VALIDATORS[method] as (args: readonly unknown[]) => LibraryArgs<M>;
  return validate(args);
}

/** A sample id arriving on a desktop channel (reveal, copy path, drag). */
export function validateSampleId(value: unknown): number {
  return sampleId('id', value);
}
