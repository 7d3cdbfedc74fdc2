import { createReadStream } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Interactions, TrainingInput, Vocabulary, allocateInteractions } from '../../recommender';
import { CatalogSource, buildTrainingInput } from '../../training/training-input';
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

/** Release years and (item, genre) pairs of the catalog, item-indexed. */
function catalogOf(
  movies: MovieLensMovie[],
  items: Vocabulary,
): Pick<CatalogSource, 'years' | 'genres'> {
  const years = new Float32Array(items.size).fill(NaN);
  const genres: Array<[number, string]> = [];
  for (const movie of movies) {
    const item = items.indexOf(movie.movieId);
    years[item] = movie.releaseYear ?? NaN;
    for (const name of movie.genres) genres.push([item, name]);
  }
  return { years, genres };
}

/** Tag applications as (item, lower-cased tag) pairs. */
async function readTagTerms(
  dir: string,
  layout: MovieLensLayout,
  items: Vocabulary,
): Promise<Array<[number, string]>> {
  const terms: Array<[number, string]> = [];
  const lines = layout.tags ? (await readText(join(dir, layout.tags))).split('\n') : [];
  for (const line of lines) {
    const tag = parseTagLine(layout.format, line);
    const item = tag ? items.indexOf(tag.movieId) : -1;
    if (tag && item >= 0) terms.push([item, tag.tag.toLowerCase()]);
  }
  return terms;
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
  const terms = await readTagTerms(dir, layout, items);
  const input = buildTrainingInput(
    { movieIds: items.toInt32Array(), ...catalogOf(movies, items), terms },
    { nUsers: users.size, ratings, watches: allocateInteractions(0) },
  );
  return { layout, users, items, input };
}
