// One colour per taxonomy category for the sound map and its legend: drums in warm hues, tonal
// sounds in cool ones, so the map's broad regions read at a glance. All light enough (62–80%
// lightness) to stand out on the dark theme; unlabelled points are a quiet grey.
import type { Category } from '../../src-shared/taxonomy.js';

export const CATEGORY_COLOURS: Record<Category, string> = {
  kick: 'hsl(0 85% 64%)',
  snare: 'hsl(28 92% 60%)',
  clap: 'hsl(50 95% 58%)',
  hihat: 'hsl(75 70% 58%)',
  cymbal: 'hsl(100 55% 62%)',
  tom: 'hsl(15 70% 76%)',
  perc: 'hsl(330 82% 70%)',
  bass: 'hsl(212 90% 64%)',
  lead: 'hsl(186 80% 55%)',
  pad: 'hsl(262 82% 74%)',
  keys: 'hsl(160 62% 55%)',
  guitar: 'hsl(290 62% 68%)',
  strings: 'hsl(232 60% 80%)',
  brass: 'hsl(40 65% 76%)',
  wind: 'hsl(140 48% 74%)',
  vocal: 'hsl(312 90% 82%)',
  fx: 'hsl(0 0% 88%)',
  loop: 'hsl(198 40% 66%)',
};

export const UNLABELLED_COLOUR = 'hsl(215 10% 48%)';

export function categoryColour(category: Category | null): string {
  return category ? CATEGORY_COLOURS[category] : UNLABELLED_COLOUR;
}
