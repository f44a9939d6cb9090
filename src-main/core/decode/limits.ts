// What a header may claim before it is treated as damaged. Nothing here trusts a header field to
// size an allocation; these bounds only turn nonsense into a clear reason.
import { DecodeError } from './decode-error.js';

/** Below this no sample library stores audio; 0 Hz is the usual sign of a zeroed header. */
export const MIN_SAMPLE_RATE = 1000;
/** DXD (352.8/384 kHz) doubled: anything higher is garbage. */
export const MAX_SAMPLE_RATE = 768_000;
/** Beyond 7.1 and third-order ambisonics (16): a header claiming more is damaged. */
export const MAX_CHANNELS = 32;

/** Throws a DecodeError naming the format when its rate or channel count cannot be real. */
export function checkStreamShape(formatName: string, sampleRate: number, channels: number): void {
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) {
    throw new DecodeError(`${formatName} header gives a sample rate of ${formatRate(sampleRate)} (damaged header)`);
  }
  if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw new DecodeError(`${formatName} header gives an implausible sample rate of ${formatRate(sampleRate)}`);
  }
  if (!Number.isInteger(channels) || channels <= 0) {
    throw new DecodeError(`${formatName} header declares zero channels (damaged header)`);
  }
  if (channels > MAX_CHANNELS) {
    throw new DecodeError(`${formatName} header declares ${channels} channels (more than ${MAX_CHANNELS}; damaged header?)`);
  }
}

function formatRate(sampleRate: number): string {
  return Number.isFinite(sampleRate) ? `${Math.round(sampleRate * 1000) / 1000} Hz` : String(sampleRate);
}
