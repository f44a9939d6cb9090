// Pitch naming shared by analysis, export and UI: A4 = 440 Hz, C4 = MIDI 60.

export const PITCH_CLASSES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;

export function midiToNoteName(midi: number): string {
  const rounded = Math.round(midi);
  return `${PITCH_CLASSES[((rounded % 12) + 12) % 12]}${Math.floor(rounded / 12) - 1}`;
}

export function frequencyToMidi(hz: number): number {
  return 69 + 12 * Math.log2(hz / 440);
}

export function midiToFrequency(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

const NOTE_PATTERN = /^([A-G])([#b]?)(-?\d+)$/;

/** Parses names like `F#2`, `Bb3`; returns null for anything else. */
export function noteNameToMidi(name: string): number | null {
  const match = NOTE_PATTERN.exec(name.trim());
  if (!match) return null;
  const base = PITCH_CLASSES.indexOf(match[1] as (typeof PITCH_CLASSES)[number]);
  const accidental = match[2] === '#' ? 1 : match[2] === 'b' ? -1 : 0;
  return (Number(match[3]) + 1) * 12 + base + accidental;
}
