import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A film of the demo catalog, cleaned from vega-datasets' `data/movies.json`. */
export interface DemoFilm {
  title: string;
  releaseYear: number | null;
  genres: string[];
  director: string | null;
  /** IMDb rating 1..10, or null when the file has none. */
  imdbRating: number | null;
  imdbVotes: number;
  overview: string;
}

/** The file's "Major Genre" and "Creative Type" values, named like MovieLens genres. */
const GENRES: Record<string, string[]> = {
  Drama: ['Drama'],
  Comedy: ['Comedy'],
  Musical: ['Musical'],
  'Thriller/Suspense': ['Thriller'],
  Adventure: ['Adventure'],
  Action: ['Action'],
  'Romantic Comedy': ['Romance', 'Comedy'],
  Horror: ['Horror'],
  Western: ['Western'],
  Documentary: ['Documentary'],
  'Black Comedy': ['Comedy', 'Black Comedy'],
  'Concert/Performance': ['Musical', 'Documentary'],
  'Science Fiction': ['Sci-Fi'],
  Fantasy: ['Fantasy'],
  'Kids Fiction': ['Children'],
  'Super Hero': ['Action', 'Superhero'],
  'Historical Fiction': ['Historical'],
  Dramatization: ['Biography'],
  Factual: ['Documentary'],
};

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : typeof value === 'number'
      ? String(value)
      : null;
const number = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/**
 * The file has deliberate errors (it is a data-cleaning exercise): some release years are a
 * century late ("Nov 05 2063" for 1963), so years after its last real one lose 100 years.
 */
function releaseYear(value: unknown): number | null {
  const year = Number(/(\d{4})\s*$/.exec(text(value) ?? '')?.[1]);
  if (!Number.isInteger(year) || year < 1900) return null;
  return year > 2011 ? year - 100 : year;
}

/** Parses and cleans the records; exact duplicates (same title and year) are dropped. */
export function cleanVegaFilms(records: unknown[]): DemoFilm[] {
  const seen = new Set<string>();
  const films: DemoFilm[] = [];
  for (const record of records) {
    if (!record || typeof record !== 'object') continue;
    const r = record as Record<string, unknown>;
    const title = text(r['Title']);
    if (!title || title.length > 500) continue;
    const year = releaseYear(r['Release Date']);
    const key = `${title.toLowerCase()}|${year}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const major = text(r['Major Genre']);
    const creative = text(r['Creative Type']);
    const genres = [
      ...new Set([...(GENRES[major ?? ''] ?? []), ...(GENRES[creative ?? ''] ?? [])]),
    ];
    const director = text(r['Director']);
    const facts = [
      director ? `Directed by ${director}.` : null,
      major ? `${major}${creative ? `, ${creative.toLowerCase()}` : ''}.` : null,
      text(r['MPAA Rating']) ? `Rated ${text(r['MPAA Rating'])}.` : null,
    ];
    films.push({
      title,
      releaseYear: year,
      genres,
      director,
      imdbRating: number(r['IMDB Rating']),
      imdbVotes: number(r['IMDB Votes']) ?? 0,
      overview: facts.filter(Boolean).join(' '),
    });
  }
  return films;
}

/** Reads the 3,201 films that ship in the `vega-datasets` npm package (no download). */
export async function readVegaFilms(): Promise<DemoFilm[]> {
  // The package exports only its entry point (build/index.js); the data sits beside it.
  const entry = require.resolve('vega-datasets');
  const path = join(dirname(entry), '..', 'data', 'movies.json');
  return cleanVegaFilms(JSON.parse(await readFile(path, 'utf8')) as unknown[]);
}
