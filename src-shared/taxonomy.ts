// The names Sampledex uses for what a sample is (../shared/TAXONOMY.md). Export, API and UI use
// these exact lower-case strings.

export const CATEGORIES = [
  'kick', 'snare', 'clap', 'hihat', 'cymbal', 'tom', 'perc',
  'bass', 'lead', 'pad', 'keys', 'guitar', 'strings', 'brass', 'wind', 'vocal', 'fx', 'loop',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The seven drum classes the category model is judged on separately. */
export const DRUM_CATEGORIES: readonly Category[] = ['kick', 'snare', 'clap', 'hihat', 'cymbal', 'tom', 'perc'];

export const KINDS = ['one-shot', 'loop'] as const;
export type Kind = (typeof KINDS)[number];

export const UNKNOWN_GENRE = 'unknown';

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}
