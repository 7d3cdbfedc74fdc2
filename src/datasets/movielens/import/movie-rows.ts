import { MovieLensFormat } from '../movielens-format';
import { parseCsvLine, parseGenreLine, parseMovieLine } from '../movielens-lines';
import { copyText } from './copy-rows';
import { BadLineError, MovieLensImportError } from './import-error';

/** COPY text rows for the staging tables of one movies file. */
export interface MovieRows {
  /** `movielens_id\ttitle\trelease_year` lines. */
  movies: string[];
  /** `movielens_id\tgenre` lines. */
  movieGenres: string[];
}

/** Years the schema accepts (movies_release_year_check). */
const MIN_YEAR = 1870;
const MAX_YEAR = 2200;

/** Genre names of `u.genre` by flag position ("unknown|0", "Action|1", ...). */
export function parseGenreNames(file: string, text: string): string[] {
  const names: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const genre = parseGenreLine(line);
    if (!genre) throw new MovieLensImportError(file, index + 1, 'expected "name|position"');
    names[genre.position] = genre.name;
  });
  return names;
}

function fieldsOf(format: MovieLensFormat, line: string): number {
  if (format === 'ml-csv') return parseCsvLine(line).length;
  return line.split(format === 'ml-dat' ? '::' : '|').length;
}

/** A u.item release date such as "01-Jan-1995", for titles that carry no "(year)". */
function yearOfReleaseDate(line: string): number | null {
  const match = /^\d+\|[^|]*\|\d{2}-[A-Za-z]{3}-(\d{4})\|/.exec(line);
  return match ? Number(match[1]) : null;
}

/**
 * Parses a whole movies file (`movies.csv`, `movies.dat` or `u.item`; a few MB at most, so it
 * is decoded in one piece by the caller). The genre "unknown" of ml-100k and "(no genres
 * listed)" mean no genre. Throws MovieLensImportError naming the file and line.
 */
export function movieRows(
  file: string,
  format: MovieLensFormat,
  text: string,
  genreNames: readonly string[] = [],
): MovieRows {
  const rows: MovieRows = { movies: [], movieGenres: [] };
  const expected = format === 'ml-100k' ? 5 + genreNames.length : 3;
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || (index === 0 && format === 'ml-csv' && /^\D/.test(line))) return;
    try {
      const found = fieldsOf(format, line);
      if (found !== expected) throw new BadLineError(`expected ${expected} fields, found ${found}`);
      const movie = parseMovieLine(format, line, genreNames);
      if (!movie || movie.movieId === 0)
        throw new BadLineError('movie id is not a positive integer');
      const year = movie.releaseYear ?? (format === 'ml-100k' ? yearOfReleaseDate(line) : null);
      const releaseYear = year !== null && year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
      const title = movie.title.trim();
      if (title === '') throw new BadLineError('the title is empty');
      rows.movies.push(`${movie.movieId}\t${copyText(title)}\t${releaseYear ?? '\\N'}\n`);
      for (const genre of movie.genres) {
        if (genre !== 'unknown') rows.movieGenres.push(`${movie.movieId}\t${copyText(genre)}\n`);
      }
    } catch (error) {
      if (!(error instanceof BadLineError)) throw error;
      throw new MovieLensImportError(file, index + 1, error.message);
    }
  });
  return rows;
}
