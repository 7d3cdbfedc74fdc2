import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyText } from '../movielens/import/copy-rows';
import { generateDemoRatings } from './demo-ratings';
import { DemoFilm, readVegaFilms } from './vega-films';

export interface LoadDemoDataOptions {
  /** Seed of the taste model; the same seed loads the same ratings. Default 2024. */
  seed?: number;
  /** Demo viewers to generate. Default 1,000. */
  viewers?: number;
}

export interface DemoDataResult {
  /** False when the catalog already had movies: nothing was loaded. */
  loaded: boolean;
  movies: number;
  users: number;
  ratings: number;
  durationMs: number;
}

/**
 * Serialises concurrent first starts on the same database, and a first start with an import
 * that replaces the demo (a transaction-level advisory lock).
 */
export const DEMO_LOAD_LOCK = 7_000_201;

const STAGING = `
  CREATE TEMP TABLE stage_demo_movies (key integer, title text, overview text, release_year integer,
    popularity double precision, id integer) ON COMMIT DROP;
  CREATE TEMP TABLE stage_demo_genres (key integer, genre text) ON COMMIT DROP;
  CREATE TEMP TABLE stage_demo_users (key integer, id integer) ON COMMIT DROP;
  CREATE TEMP TABLE stage_demo_ratings (user_key integer, movie_key integer, rating real, ts bigint)
    ON COMMIT DROP`;

/** Ids are drawn from the tables' own identity sequences, so later inserts never collide. */
const MERGE = [
  `UPDATE stage_demo_movies SET id = nextval(pg_get_serial_sequence('movies', 'id'))`,
  `UPDATE stage_demo_users SET id = nextval(pg_get_serial_sequence('users', 'id'))`,
  `INSERT INTO genres (name) SELECT DISTINCT genre FROM stage_demo_genres ON CONFLICT (name) DO NOTHING`,
  `INSERT INTO movies (id, title, overview, release_year, popularity)
     SELECT id, title, overview, release_year, popularity FROM stage_demo_movies ORDER BY key`,
  `INSERT INTO movie_genres (movie_id, genre_id)
     SELECT DISTINCT m.id, g.id FROM stage_demo_genres s
     JOIN stage_demo_movies m USING (key) JOIN genres g ON g.name = s.genre`,
  // Demo viewers cannot log in: no password, a reserved address.
  `INSERT INTO users (id, email, display_name)
     SELECT id, 'demo-viewer-' || key || '@users.invalid', 'Demo viewer ' || key
     FROM stage_demo_users ORDER BY key`,
  `INSERT INTO ratings (user_id, movie_id, rating, rated_at)
     SELECT u.id, m.id, s.rating, to_timestamp(s.ts) FROM stage_demo_ratings s
     JOIN stage_demo_users u ON u.key = s.user_key JOIN stage_demo_movies m ON m.key = s.movie_key`,
  // The aggregate trigger keeps these too; recomputing makes the loader right on its own.
  `UPDATE movies m SET rating_count = s.n, rating_mean = s.mean
     FROM (SELECT movie_id, count(*)::int AS n, avg(rating)::float8 AS mean
             FROM ratings GROUP BY movie_id) s
    WHERE m.id = s.movie_id AND (m.rating_count, m.rating_mean) IS DISTINCT FROM (s.n, s.mean)`,
];

async function copyRows(client: PoolClient, target: string, rows: string[]): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  for (let start = 0; start < rows.length; start += 5000) {
    if (!stream.write(rows.slice(start, start + 5000).join(''))) await once(stream, 'drain');
  }
  stream.end();
  await finished(stream);
}

function nullable(value: number | null): string {
  return value === null ? '\\N' : String(value);
}

async function stage(
  client: PoolClient,
  films: DemoFilm[],
  options: Required<LoadDemoDataOptions>,
): Promise<number> {
  const { ratings } = generateDemoRatings(films, { viewers: options.viewers, seed: options.seed });
  await client.query(STAGING);
  await copyRows(
    client,
    'stage_demo_movies (key, title, overview, release_year, popularity)',
    films.map(
      (f, i) =>
        `${i}\t${copyText(f.title)}\t${copyText(f.overview)}\t${nullable(f.releaseYear)}\t${f.imdbVotes}\n`,
    ),
  );
  await copyRows(
    client,
    'stage_demo_genres (key, genre)',
    films.flatMap((f, i) => f.genres.map((g) => `${i}\t${copyText(g)}\n`)),
  );
  await copyRows(
    client,
    'stage_demo_users (key)',
    Array.from({ length: options.viewers }, (_, v) => `${v + 1}\n`),
  );
  await copyRows(
    client,
    'stage_demo_ratings (user_key, movie_key, rating, ts)',
    ratings.map((r) => `${r.viewer + 1}\t${r.film}\t${r.rating}\t${r.ratedAtSeconds}\n`),
  );
  return ratings.length;
}

/**
 * Loads the demo catalog into an empty database: the real films of the `vega-datasets` package
 * (genres from "Major Genre" and "Creative Type", the director in the overview, IMDb votes as
 * popularity), demo viewers who cannot log in, and their ratings from a seeded taste model.
 * One transaction, COPY and set-based inserts; recorded in dataset_loads as source 'demo'. The
 * movies and viewers take their `created_at` from the same `now()` as that row's `loaded_at`:
 * removeDemoData finds the demo's rows by it, so keep them in this one transaction.
 * Idempotent: when the catalog already has a movie, nothing is loaded (`loaded: false`).
 */
export async function loadDemoData(
  database: Pool | string,
  options: LoadDemoDataOptions = {},
): Promise<DemoDataResult> {
  const started = Date.now();
  const pool =
    typeof database === 'string' ? new Pool({ connectionString: database, max: 1 }) : database;
  const client = await pool.connect();
  const settings = { seed: options.seed ?? 2024, viewers: options.viewers ?? 1000 };
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOAD_LOCK]);
    const { rows } = await client.query<{ empty: boolean }>(
      'SELECT NOT EXISTS (SELECT 1 FROM movies) AS empty',
    );
    if (!rows[0].empty) {
      await client.query('ROLLBACK');
      return { loaded: false, movies: 0, users: 0, ratings: 0, durationMs: Date.now() - started };
    }
    const films = await readVegaFilms();
    const ratings = await stage(client, films, settings);
    for (const sql of MERGE) await client.query(sql);
    const counts = { movies: films.length, users: settings.viewers, ratings };
    await client.query(`INSERT INTO dataset_loads (source, name, counts) VALUES ('demo', $1, $2)`, [
      'vega-datasets movies.json with generated demo ratings',
      JSON.stringify({ ...counts, seed: settings.seed }),
    ]);
    await client.query('COMMIT');
    return { loaded: true, ...counts, durationMs: Date.now() - started };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
    if (typeof database === 'string') await pool.end();
  }
}
