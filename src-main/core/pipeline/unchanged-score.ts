// The library-wide passes (anomalies, genres) write only the verdicts and labels that changed: a
// catalogue row holds kilobytes, so an UPDATE rewrites all of it, and at 100k samples rewriting
// every row took most of each pass. Their scores move a little whenever the library changes (a
// forest's subsample does), so a score this close to the stored one counts as unchanged (the app
// shows whole percents).
const SCORE_TOLERANCE = 0.005;

export function sameScore(stored: number | null, next: number | null): boolean {
  if (stored === null || next === null) return stored === next;
  return Math.abs(stored - next) < SCORE_TOLERANCE;
}
