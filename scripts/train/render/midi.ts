// A minimal Standard MIDI File (format 0) writer: just enough to drive fluidsynth and timidity.
// Times are in milliseconds; the file uses 500 ticks per quarter at 120 bpm so one tick is 1 ms.

export const TICKS_PER_QUARTER = 500;
const MICROSECONDS_PER_QUARTER = 500_000;

export type MidiEvent =
  | { timeMs: number; type: 'noteOn'; channel: number; note: number; velocity: number }
  | { timeMs: number; type: 'noteOff'; channel: number; note: number }
  | { timeMs: number; type: 'program'; channel: number; program: number }
  | { timeMs: number; type: 'controller'; channel: number; controller: number; value: number };

/** Controllers used between slots so one slot's tail never leaks into the next. */
export const CC_BANK_SELECT = 0;
export const CC_ALL_SOUND_OFF = 120;
export const CC_RESET_CONTROLLERS = 121;

function variableLength(value: number): number[] {
  const bytes = [value & 0x7f];
  let rest = value >>> 7;
  while (rest > 0) {
    bytes.unshift((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  return bytes;
}

function eventBytes(event: MidiEvent): number[] {
  const channel = event.channel & 0x0f;
  switch (event.type) {
    case 'noteOn':
      return [0x90 | channel, event.note & 0x7f, Math.max(1, event.velocity & 0x7f)];
    case 'noteOff':
      return [0x80 | channel, event.note & 0x7f, 0];
    case 'program':
      return [0xc0 | channel, event.program & 0x7f];
    case 'controller':
      return [0xb0 | channel, event.controller & 0x7f, event.value & 0x7f];
  }
}

// At equal times, silence and program changes come before notes, and note-offs before note-ons,
// so a slot boundary always starts clean.
const ORDER: Record<MidiEvent['type'], number> = { controller: 0, program: 1, noteOff: 2, noteOn: 3 };

export function writeMidiFile(events: readonly MidiEvent[]): Uint8Array {
  const sorted = [...events].sort((a, b) => a.timeMs - b.timeMs || ORDER[a.type] - ORDER[b.type]);
  const track: number[] = [0x00, 0xff, 0x51, 0x03, (MICROSECONDS_PER_QUARTER >> 16) & 0xff, (MICROSECONDS_PER_QUARTER >> 8) & 0xff, MICROSECONDS_PER_QUARTER & 0xff];
  let previousTick = 0;
  for (const event of sorted) {
    const tick = Math.max(previousTick, Math.round(event.timeMs));
    track.push(...variableLength(tick - previousTick), ...eventBytes(event));
    previousTick = tick;
  }
  track.push(0x00, 0xff, 0x2f, 0x00);
  const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, (TICKS_PER_QUARTER >> 8) & 0xff, TICKS_PER_QUARTER & 0xff];
  const length = track.length;
  const trackHeader = [0x4d, 0x54, 0x72, 0x6b, (length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff];
  return Uint8Array.from([...header, ...trackHeader, ...track]);
}
