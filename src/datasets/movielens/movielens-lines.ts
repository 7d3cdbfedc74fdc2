import { MovieLensFormat } from './movielens-format';
import { parseMovieLensTitle } from './movielens-title';

export interface MovieLensRating {
  userId: number;
  movieId: number;
  rating: number;
  /** Epoch seconds. */
  timestamp: number;
}

export interface MovieLensMovie {
  movieId: number;
  title: string;
  releaseYear: number | null;
  genres: string[];
}

export interface MovieLensTag {
  userId: number;
  movieId: number;
  tag: string;
  timestamp: number;
}

/**
 * Splits one CSV record (RFC 4180 quoting: fields in double quotes may hold commas, "" is a
 * quote). A trailing CR (CRLF files) is dropped.
 */
export function parseCsvLine(line: string): string[] {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let c = 0; c < text.length; c++) {
    const ch = text[c];
    if (quoted) {
      if (ch === '"' && text[c + 1] === '"') {
        field += '"';
        c++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** Splits a line into fields by the format's separator (tab, "::" or CSV). */
function fieldsOf(format: MovieLensFormat, line: string, separator100k: string): string[] {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (format === 'ml-csv') return parseCsvLine(text);
  return text.split(format === 'ml-dat' ? '::' : separator100k);
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;

/**
 * One rating line (`u.data`: user tab item tab rating tab time; `.dat`: user::item::rating::time;
 * CSV: userId,movieId,rating,timestamp). Header, blank and malformed lines give null.
 */
export function parseRatingLine(format: MovieLensFormat, line: string): MovieLensRating | null {
  const [user, movie, rating, time] = fieldsOf(format, line, '\t');
  const parsed = {
    userId: Number(user),
    movieId: Number(movie),
    rating: Number(rating),
    timestamp: Number(time),
  };
  if (!isCount(parsed.userId) || !isCount(parsed.movieId) || user === '' || movie === '') {
    return null;
  }
  if (!Number.isFinite(parsed.rating) || !Number.isFinite(parsed.timestamp)) return null;
  return parsed;
}

/**
 * One movie line. `u.item`: id|title|release date|video date|url|19 genre flags, the flags naming
 * `genreNames` (from `u.genre`) by position; `.dat`: id::title::A|B; CSV: movieId,title,A|B with
 * "(no genres listed)" meaning none.
 */
export function parseMovieLine(
  format: MovieLensFormat,
  line: string,
  genreNames: readonly string[] = [],
): MovieLensMovie | null {
  const fields = fieldsOf(format, line, '|');
  const movieId = Number(fields[0]);
  if (fields[0] === '' || !isCount(movieId) || fields.length < 2) return null;
  const { title, releaseYear } = parseMovieLensTitle(fields[1]);
  let genres: string[];
  if (format === 'ml-100k') {
    const flags = fields.slice(fields.length - genreNames.length);
    genres = genreNames.filter((_, g) => flags[g] === '1');
  } else {
    const list = fields[2] ?? '';
    genres = list === '' || list === '(no genres listed)' ? [] : list.split('|');
  }
  return { movieId, title, releaseYear, genres };
}

/** One tag line (`.dat`: user::movie::tag::time; CSV: userId,movieId,tag,timestamp). */
export function parseTagLine(format: MovieLensFormat, line: string): MovieLensTag | null {
  const [user, movie, tag, time] = fieldsOf(format, line, '\t');
  const userId = Number(user);
  const movieId = Number(movie);
  if (user === '' || !isCount(userId) || !isCount(movieId) || !tag) return null;
  return { userId, movieId, tag: tag.trim(), timestamp: Number(time) || 0 };
}

/** One `u.genre` line ("Action|1"), giving the genre name and its flag position. */
export function parseGenreLine(line: string): { name: string; position: number } | null {
  const [name, position] = line.trim().split('|');
  const index = Number(position);
  if (!name || position === undefined || !isCount(index)) return null;
  return { name, position: index };
}
