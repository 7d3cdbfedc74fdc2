/** The three file layouts MovieLens has been published in. */
export type MovieLensFormat = 'ml-100k' | 'ml-dat' | 'ml-csv';

/** Which files of a folder hold what, once its format is known. */
export interface MovieLensLayout {
  format: MovieLensFormat;
  ratings: string;
  movies: string;
  tags: string | null;
  /** ml-100k only: the genre names (`u.genre`). */
  genres: string | null;
}

/**
 * Recognises a MovieLens folder from its file names: ml-100k (`u.data`, `u.item`, `u.genre`),
 * ml-1m / ml-10m (`ratings.dat`, `movies.dat`, `tags.dat`), ml-latest*, 20m, 25m, 32m
 * (`ratings.csv`, `movies.csv`, `tags.csv`). Returns null when none matches.
 */
export function detectMovieLensFormat(fileNames: readonly string[]): MovieLensLayout | null {
  const has = (name: string): boolean => fileNames.includes(name);
  if (has('ratings.csv') && has('movies.csv')) {
    const tags = has('tags.csv') ? 'tags.csv' : null;
    return { format: 'ml-csv', ratings: 'ratings.csv', movies: 'movies.csv', tags, genres: null };
  }
  if (has('ratings.dat') && has('movies.dat')) {
    const tags = has('tags.dat') ? 'tags.dat' : null;
    return { format: 'ml-dat', ratings: 'ratings.dat', movies: 'movies.dat', tags, genres: null };
  }
  if (has('u.data') && has('u.item')) {
    const genres = has('u.genre') ? 'u.genre' : null;
    return { format: 'ml-100k', ratings: 'u.data', movies: 'u.item', tags: null, genres };
  }
  return null;
}

/**
 * Decodes file bytes as UTF-8 when they are valid UTF-8, else as Latin-1 (ml-100k `u.item` and
 * ml-1m `movies.dat` are Latin-1; the CSV releases are UTF-8). A BOM is dropped.
 */
export function decodeMovieLensText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}
