// The names a path holds, as the labels read from names see them (genre-words.ts, category-words.ts).

/** `path`'s folder names, outermost first, then the file's name without its extension. */
export function pathNames(path: string): string[] {
  const names = path.split(/[\\/]+/).filter(Boolean);
  if (names.length > 0) names[names.length - 1] = names[names.length - 1].replace(/\.[a-z0-9]+$/i, '');
  return names;
}
