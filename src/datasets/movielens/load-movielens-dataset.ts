import { createReadStream } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  ContentInput,
  Interactions,
  TrainingInput,
  allocateInteractions,
  Vocabulary,
  mergeFeedback,
} from '../../recommender';
import { MovieLensLayout, decodeMovieLensText, detectMovieLensFormat } from './movielens-format';
import {
  MovieLensMovie,
  parseGenreLine,
  parseMovieLine,
  parseRatingLine,
  parseTagLine,
} from './movielens-lines';

/** A MovieLens folder loaded for evaluation: training input plus the id vocabularies. */
export interface MovieLensDataset {
  layout: MovieLensLayout;
  input: TrainingInput;
  users: Vocabulary;
  items: Vocabulary;
}

async function readText(path: string): Promise<string> {
  return decodeMovieLensText(await readFile(path));
}

/** Streams the ratings file line by line (ML-25M's is 650 MB) into growing typed arrays. */
async function readRatings(
  path: string,
  layout: MovieLensLayout,
  users: Vocabulary,
  items: Vocabulary,
): Promise<Interactions> {
  const columns = { users: [] as number[], items: [] as number[], values: [] as number[] };
  const times: number[] = [];
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    const rating = parseRatingLine(layout.format, line);
    if (!rating) continue;
    columns.users.push(users.add(rating.userId));
    columns.items.push(items.add(rating.movieId));
    columns.values.push(rating.rating);
    times.push(rating.timestamp);
  }
  return {
    users: Int32Array.from(columns.users),
    items: Int32Array.from(columns.items),
    values: Float32Array.from(columns.values),
    timestamps: Float64Array.from(times),
  };
}

async function readMovies(dir: string, layout: MovieLensLayout): Promise<MovieLensMovie[]> {
  const genreNames: string[] = [];
  if (layout.genres) {
    for (const line of (await readText(join(dir, layout.genres))).split('\n')) {
      const genre = parseGenreLine(line);
      if (genre) genreNames[genre.position] = genre.name;
    }
  }
  const movies: MovieLensMovie[] = [];
  for (const line of (await readText(join(dir, layout.movies))).split('\n')) {
    const movie = parseMovieLine(layout.format, line, genreNames);
    if (movie) movies.push(movie);
  }
  return movies;
}

/** Dense id of `key` in `ids`, adding it when new. */
function idOf(ids: Map<string, number>, key: string): number {
  const known = ids.get(key);
  if (known !== undefined) return known;
  ids.set(key, ids.size);
  return ids.size - 1;
}

/** Genre bitsets (first 32 genres) and release years of the catalog, item-indexed. */
function catalogFeatures(
  movies: MovieLensMovie[],
  items: Vocabulary,
): { genreBits: Uint32Array; years: Float32Array; genreNames: string[] } {
  const genres = new Map<string, number>();
  const genreBits = new Uint32Array(items.size);
  const years = new Float32Array(items.size).fill(NaN);
  for (const movie of movies) {
    const item = items.indexOf(movie.movieId);
    years[item] = movie.releaseYear ?? NaN;
    for (const name of movie.genres) {
      if (genres.size < 32 || genres.has(name)) genreBits[item] |= 1 << idOf(genres, name);
    }
  }
  return { genreBits, years, genreNames: [...genres.keys()] };
}

/** Tag applications as (item, term) pairs, terms being lower-cased tags. */
async function readTagTerms(
  dir: string,
  layout: MovieLensLayout,
  items: Vocabulary,
): Promise<{ termItems: Int32Array; termIds: Int32Array; nTerms: number }> {
  const terms = new Map<string, number>();
  const termItems: number[] = [];
  const termIds: number[] = [];
  const lines = layout.tags ? (await readText(join(dir, layout.tags))).split('\n') : [];
  for (const line of lines) {
    const tag = parseTagLine(layout.format, line);
    const item = tag ? items.indexOf(tag.movieId) : -1;
    if (!tag || item < 0) continue;
    termItems.push(item);
    termIds.push(idOf(terms, tag.tag.toLowerCase()));
  }
  return {
    termItems: Int32Array.from(termItems),
    termIds: Int32Array.from(termIds),
    nTerms: terms.size,
  };
}

/**
 * Reads a MovieLens folder of any format into training input: the catalog first (so movies
 * nobody rated still get content vectors), then the ratings (deduplicated, the latest rating of
 * a pair wins), genres, years and tags.
 */
export async function loadMovieLensDataset(dir: string): Promise<MovieLensDataset> {
  const layout = detectMovieLensFormat(await readdir(dir));
  if (!layout) {
    throw new Error(`${dir} holds no MovieLens ratings and movies files (u.data, *.dat or *.csv)`);
  }
  const movies = await readMovies(dir, layout);
  const items = Vocabulary.fromIds(movies.map((movie) => movie.movieId));
  const users = new Vocabulary();
  const ratings = await readRatings(join(dir, layout.ratings), layout, users, items);
  const none = allocateInteractions(0);
  const interactions = mergeFeedback(ratings, none, users.size, items.size, { watchValue: 0 });
  const { genreBits, years, genreNames } = catalogFeatures(movies, items);
  const terms = await readTagTerms(dir, layout, items);
  const content: ContentInput = {
    nItems: items.size,
    genreBits,
    nGenres: genreNames.length,
    years,
    ...terms,
  };
  return {
    layout,
    users,
    items,
    input: { nUsers: users.size, itemIds: items.toInt32Array(), interactions, content, genreNames },
  };
}
