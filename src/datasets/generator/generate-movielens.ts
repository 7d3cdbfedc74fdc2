import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTasteModel, GeneratedMovie, MOVIELENS_GENRES, TasteModel } from './taste-model';
import { toHalfStars } from './sampling';
import { TextSink } from './text-sink';

/** ml-latest-style CSV, ml-10m-style `::` .dat (Latin-1 titles as in ml-1m), or ml-100k. */
export type GeneratedFormat = 'csv' | 'dat' | '100k';

export interface DatasetCounts {
  ratings: number;
  users: number;
  movies: number;
}

/** The shapes of ml-100k (S), ml-1m (M) and ml-25m (L). */
export const MOVIELENS_SIZES: Record<'S' | 'M' | 'L', DatasetCounts> = {
  S: { ratings: 100_000, users: 943, movies: 1_682 },
  M: { ratings: 1_000_000, users: 6_040, movies: 3_706 },
  L: { ratings: 25_000_000, users: 162_000, movies: 62_000 },
};

export interface GenerateMovieLensOptions {
  format: GeneratedFormat;
  out: string;
  counts: DatasetCounts;
  seed?: number;
}

export interface GeneratedSummary extends DatasetCounts {
  tags: number;
  files: string[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "The Silent River" → "Silent River, The" as MovieLens stores leading articles. */
function movieLensTitle(movie: GeneratedMovie): string {
  const title = movie.title.startsWith('The ') ? `${movie.title.slice(4)}, The` : movie.title;
  return `${title} (${movie.year})`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes a MovieLens-shaped folder from a seeded taste model (see buildTasteModel): the files,
 * names and separators of the chosen release, so the importer and the evaluator read it as they
 * read GroupLens' own. Streams: memory stays at one user's ratings whatever the size.
 */
export async function generateMovieLens(
  options: GenerateMovieLensOptions,
): Promise<GeneratedSummary> {
  const model = buildTasteModel(options.counts, options.seed ?? 42);
  await mkdir(options.out, { recursive: true });
  const files = await writeCatalog(model, options);
  const half = options.format !== '100k';
  const sep = { csv: ',', dat: '::', '100k': '\t' }[options.format];
  const ratingsFile = { csv: 'ratings.csv', dat: 'ratings.dat', '100k': 'u.data' }[options.format];
  const tagsFile = options.format === '100k' ? null : `tags.${options.format}`;
  const ratings = new TextSink(join(options.out, ratingsFile));
  const tags = tagsFile ? new TextSink(join(options.out, tagsFile)) : null;
  if (options.format === 'csv') {
    await ratings.write('userId,movieId,rating,timestamp\n');
    await tags?.write('userId,movieId,tag,timestamp\n');
  }
  const seen = new Int32Array(model.movies.length).fill(-1);
  let ratingCount = 0;
  let tagCount = 0;
  for (const [u, user] of model.users.entries()) {
    const chosen: number[] = [];
    for (
      let tries = 0;
      chosen.length < user.ratingCount && tries < user.ratingCount * 50;
      tries++
    ) {
      const movie = model.pickMovie(user);
      if (seen[movie] === u) continue;
      seen[movie] = u;
      chosen.push(movie);
    }
    chosen.sort((a, b) => a - b);
    let time = user.since;
    for (const movie of chosen) {
      time += 1 + Math.floor(model.random() * 20000);
      const raw = model.rate(user, movie);
      const value = half ? toHalfStars(raw) : Math.min(5, Math.max(1, Math.round(raw)));
      const shown = options.format === 'csv' ? value.toFixed(1) : String(value);
      await ratings.write(`${user.id}${sep}${model.movies[movie].id}${sep}${shown}${sep}${time}\n`);
      if (tags && model.random() < 0.02) {
        const tag = tagFor(model, movie);
        const text = options.format === 'csv' ? csvField(tag) : tag;
        await tags.write(`${user.id}${sep}${model.movies[movie].id}${sep}${text}${sep}${time}\n`);
        tagCount++;
      }
    }
    ratingCount += chosen.length;
  }
  await ratings.close();
  await tags?.close();
  files.push(ratingsFile, ...(tagsFile ? [tagsFile] : []));
  return { ...options.counts, ratings: ratingCount, tags: tagCount, files };
}

function tagFor(model: TasteModel, movie: number): string {
  const m = model.movies[movie];
  const genre = MOVIELENS_GENRES[m.genres[0]].toLowerCase();
  const words = ['atmospheric', 'twist ending', 'dark, gritty', 'classic', 'slow', 'quirky'];
  return model.random() < 0.5 ? genre : words[Math.floor(model.random() * words.length)];
}

async function writeCatalog(
  model: TasteModel,
  options: GenerateMovieLensOptions,
): Promise<string[]> {
  const dir = options.out;
  const genreNames = (m: GeneratedMovie): string =>
    m.genres.map((g) => MOVIELENS_GENRES[g]).join('|');
  if (options.format === 'csv') {
    const movies = new TextSink(join(dir, 'movies.csv'));
    const links = new TextSink(join(dir, 'links.csv'));
    await movies.write('movieId,title,genres\n');
    await links.write('movieId,imdbId,tmdbId\n');
    for (const m of model.movies) {
      const genres = m.genres.length ? genreNames(m) : '(no genres listed)';
      await movies.write(`${m.id},${csvField(movieLensTitle(m))},${genres}\n`);
      const tmdb = m.id % 50 === 0 ? '' : String(m.id + 1000);
      await links.write(`${m.id},${String(100000 + m.id).padStart(7, '0')},${tmdb}\n`);
    }
    await Promise.all([movies.close(), links.close()]);
    return ['movies.csv', 'links.csv'];
  }
  if (options.format === 'dat') {
    const movies = new TextSink(join(dir, 'movies.dat'), 'latin1');
    for (const m of model.movies)
      await movies.write(`${m.id}::${movieLensTitle(m)}::${genreNames(m)}\n`);
    const users = new TextSink(join(dir, 'users.dat'));
    for (const u of model.users)
      await users.write(`${u.id}::${u.id % 2 ? 'M' : 'F'}::25::4::02139\n`);
    await Promise.all([movies.close(), users.close()]);
    return ['movies.dat', 'users.dat'];
  }
  // ml-100k: u.genre lists "unknown" first, so the flag of genre g is at position g + 1.
  const genre = new TextSink(join(dir, 'u.genre'));
  await genre.write(['unknown', ...MOVIELENS_GENRES].map((g, i) => `${g}|${i}\n`).join(''));
  const item = new TextSink(join(dir, 'u.item'), 'latin1');
  for (const m of model.movies) {
    const flags = [0, ...MOVIELENS_GENRES.map((_, g) => (m.genres.includes(g) ? 1 : 0))];
    const date = `01-${MONTHS[m.id % 12]}-${m.year}`;
    await item.write(
      `${m.id}|${movieLensTitle(m)}|${date}||http://example.invalid/${m.id}|${flags.join('|')}\n`,
    );
  }
  const users = new TextSink(join(dir, 'u.user'));
  for (const u of model.users)
    await users.write(`${u.id}|25|${u.id % 2 ? 'M' : 'F'}|writer|02139\n`);
  await Promise.all([genre.close(), item.close(), users.close()]);
  return ['u.genre', 'u.item', 'u.user'];
}
