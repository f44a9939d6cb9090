// Parses an HTTP Range header (RFC 9110 §14) for one file, the way audio players ask for it.

export type RangeRequest =
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * `bytes=a-b`, `bytes=a-` and `bytes=-n` select one range (end inclusive, clamped to the file).
 * Several ranges, other units or syntax we do not understand fall back to the whole file, which
 * RFC 9110 allows a server to do; only a well-formed range wholly past the end is unsatisfiable.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return { kind: 'whole' };
  const [, firstText, lastText] = match;
  if (firstText === '' && lastText === '') return { kind: 'whole' };

  if (firstText === '') {
    // Suffix range: the last n bytes.
    const suffix = Number(lastText);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(firstText);
  const end = lastText === '' ? size - 1 : Math.min(Number(lastText), size - 1);
  if (lastText !== '' && Number(lastText) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
