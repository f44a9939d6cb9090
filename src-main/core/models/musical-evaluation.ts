// Accuracy of the musical fields (bpm, key, note) against known truth: shared by the tests on
// rendered material and `sampledex evaluate` on CSVs with bpm/key/note columns. Pure.
import { noteNameToMidi, PITCH_CLASSES } from '../../../src-shared/music.js';

/**
 * One field's truth: `undefined` = not labelled (the row is skipped for that field), `null` = labelled
 * as having none (a drum hit has no note, a drum loop no key), so an estimate there is spurious.
 */
export interface MusicalValues {
  bpm?: number | null;
  key?: string | null;
  note?: string | null;
}

export interface MusicalRow {
  truth: MusicalValues;
  estimate: MusicalValues;
}

/** A tempo within this relative error of the truth counts as right (MIREX's 4% "accuracy 1"). */
export const TEMPO_TOLERANCE = 0.04;

export interface NoteAccuracy {
  /** Rows whose truth names a note. */
  total: number;
  exact: number;
  accuracy: number;
  /** Right pitch class, wrong octave (counted as wrong in `exact`). */
  octaveErrors: number;
  /** Rows with a true note but no estimate. */
  missing: number;
  /** Rows labelled note-less (null) that got a note anyway. */
  spurious: number;
}

export interface TempoAccuracy {
  total: number;
  within: number;
  accuracy: number;
  /** Off by a factor 2 or ½ (within the tolerance of that multiple). */
  octaveErrors: number;
  /** Off by 3, ⅓, 3/2 or 2/3: the other metrical-level confusions. */
  metricalErrors: number;
  missing: number;
  spurious: number;
}

export interface KeyAccuracy {
  total: number;
  exact: number;
  accuracy: number;
  /** C major ↔ A minor: same scale, other tonic. */
  relative: number;
  /** Tonic a fifth up or down, same mode. */
  fifth: number;
  /** C major ↔ C minor. */
  parallel: number;
  missing: number;
  spurious: number;
}

export interface MusicalEvaluation {
  note: NoteAccuracy;
  tempo: TempoAccuracy;
  key: KeyAccuracy;
}

export interface ParsedKey {
  /** Pitch class of the tonic, 0 = C. */
  tonic: number;
  mode: 'major' | 'minor';
}

const KEY_PATTERN = /^([A-G])([#b]?)\s*(major|minor|maj|min|m)?$/i;

/** Parses `F# minor`, `Bb major`, `Am`, `C`; returns null for anything else. */
export function parseKey(text: string): ParsedKey | null {
  const match = KEY_PATTERN.exec(text.trim());
  if (!match) return null;
  const base = PITCH_CLASSES.indexOf(match[1].toUpperCase() as (typeof PITCH_CLASSES)[number]);
  const accidental = match[2] === '#' ? 1 : match[2] === 'b' ? -1 : 0;
  const modeText = (match[3] ?? 'major').toLowerCase();
  return { tonic: (base + accidental + 12) % 12, mode: modeText === 'major' || modeText === 'maj' ? 'major' : 'minor' };
}

const ratio = (a: number, b: number): number => a / b;
const near = (value: number, target: number): boolean => Math.abs(value / target - 1) <= TEMPO_TOLERANCE;

export function evaluateMusical(rows: readonly MusicalRow[]): MusicalEvaluation {
  const note: NoteAccuracy = { total: 0, exact: 0, accuracy: 0, octaveErrors: 0, missing: 0, spurious: 0 };
  const tempo: TempoAccuracy = { total: 0, within: 0, accuracy: 0, octaveErrors: 0, metricalErrors: 0, missing: 0, spurious: 0 };
  const key: KeyAccuracy = { total: 0, exact: 0, accuracy: 0, relative: 0, fifth: 0, parallel: 0, missing: 0, spurious: 0 };

  for (const { truth, estimate } of rows) {
    if (truth.note === null) {
      if (estimate.note) note.spurious++;
    } else if (truth.note !== undefined) {
      const trueMidi = noteNameToMidi(truth.note);
      if (trueMidi === null) throw new Error(`evaluateMusical: truth note ${truth.note} is not a note name`);
      note.total++;
      const estimated = estimate.note ? noteNameToMidi(estimate.note) : null;
      if (estimated === null) note.missing++;
      else if (estimated === trueMidi) note.exact++;
      else if ((estimated - trueMidi) % 12 === 0) note.octaveErrors++;
    }

    if (truth.bpm === null) {
      if (estimate.bpm) tempo.spurious++;
    } else if (truth.bpm !== undefined) {
      tempo.total++;
      const bpm = estimate.bpm ?? 0;
      if (!(bpm > 0)) tempo.missing++;
      else if (near(bpm, truth.bpm)) tempo.within++;
      else if (near(ratio(bpm, truth.bpm), 2) || near(ratio(bpm, truth.bpm), 0.5)) tempo.octaveErrors++;
      else if ([3, 1 / 3, 1.5, 2 / 3].some((factor) => near(ratio(bpm, truth.bpm as number), factor))) tempo.metricalErrors++;
    }

    if (truth.key === null) {
      if (estimate.key) key.spurious++;
    } else if (truth.key !== undefined) {
      const trueKey = parseKey(truth.key);
      if (!trueKey) throw new Error(`evaluateMusical: truth key ${truth.key} is not a key name`);
      key.total++;
      const estimated = estimate.key ? parseKey(estimate.key) : null;
      if (!estimated) {
        key.missing++;
        continue;
      }
      const interval = (estimated.tonic - trueKey.tonic + 12) % 12;
      if (estimated.mode === trueKey.mode) {
        if (interval === 0) key.exact++;
        else if (interval === 5 || interval === 7) key.fifth++;
      } else if (interval === 0) {
        key.parallel++;
      } else if ((trueKey.mode === 'major' && interval === 9) || (trueKey.mode === 'minor' && interval === 3)) {
        key.relative++;
      }
    }
  }
  note.accuracy = note.total ? note.exact / note.total : 0;
  tempo.accuracy = tempo.total ? tempo.within / tempo.total : 0;
  key.accuracy = key.total ? key.exact / key.total : 0;
  return { note, tempo, key };
}
