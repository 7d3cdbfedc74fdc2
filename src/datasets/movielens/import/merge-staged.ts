import { PoolClient } from 'pg';
import { detachForLoad, reattach } from './bulk-load';

/** What the merge added (and, for movies, changed); each figure excludes what was there. */
export interface MergeCounts {
  genres: number;
  movies: number;
  moviesUpdated: number;
  movieGenres: number;
  users: number;
  ratings: number;
  tags: number;
  moviesRescored: number;
}

/**
 * Set-based upserts from the staging tables, in dependency order. Each statement is idempotent:
 * rows already present are left alone (ON CONFLICT DO NOTHING, or DO UPDATE only when a value
 * differs), so a second import of the same folder changes nothing.
 */
const GENRES = `
  INSERT INTO genres (name)
  SELECT DISTINCT genre FROM stage_movie_genres
  ON CONFLICT (name) DO NOTHING`;

/**
 * A TMDB id names one movie (movies_tmdb_id_key), but MovieLens links a few to two movies: the
 * lowest MovieLens id of the file keeps it, and none is taken from a movie already holding it
 * (an earlier import, or a catalog sync through the API). A movie left without its linked TMDB
 * id keeps the one it had.
 */
const MOVIES = `
  WITH linked AS (
    SELECT DISTINCT ON (s.movielens_id) s.movielens_id, s.title, s.release_year, l.imdb_id, l.tmdb_id
    FROM stage_movies s LEFT JOIN stage_links l USING (movielens_id)
    ORDER BY s.movielens_id
  ), source AS (
    SELECT movielens_id, title, release_year, imdb_id,
      CASE WHEN movielens_id = min(movielens_id) OVER (PARTITION BY tmdb_id)
            AND NOT EXISTS (SELECT 1 FROM movies o WHERE o.tmdb_id = linked.tmdb_id
                              AND o.movielens_id IS DISTINCT FROM linked.movielens_id)
           THEN tmdb_id END AS tmdb_id
    FROM linked
  ), upserted AS (
    INSERT INTO movies AS m (movielens_id, title, release_year, imdb_id, tmdb_id)
    SELECT movielens_id, title, release_year, imdb_id, tmdb_id FROM source
    ON CONFLICT (movielens_id) DO UPDATE SET
      title = EXCLUDED.title,
      release_year = EXCLUDED.release_year,
      imdb_id = coalesce(EXCLUDED.imdb_id, m.imdb_id),
      tmdb_id = coalesce(EXCLUDED.tmdb_id, m.tmdb_id),
      updated_at = now()
    WHERE (m.title, m.release_year, m.imdb_id, m.tmdb_id) IS DISTINCT FROM
      (EXCLUDED.title, EXCLUDED.release_year,
       coalesce(EXCLUDED.imdb_id, m.imdb_id), coalesce(EXCLUDED.tmdb_id, m.tmdb_id))
    RETURNING (xmax = 0) AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
         count(*) FILTER (WHERE NOT inserted)::int AS updated
  FROM upserted`;

const MOVIE_GENRES = `
  INSERT INTO movie_genres (movie_id, genre_id)
  SELECT DISTINCT m.id, g.id
  FROM stage_movie_genres s
  JOIN movies m ON m.movielens_id = s.movielens_id
  JOIN genres g ON g.name = s.genre
  ON CONFLICT DO NOTHING`;

/**
 * MovieLens users become accounts that cannot log in: no password, a reserved address. The
 * users of the ratings file are in stage_users too (the first pass over it collects them).
 */
const USERS = `
  INSERT INTO users (email, external_id, display_name)
  SELECT 'movielens-' || ext || '@users.invalid', ext, 'MovieLens user ' || ext
  FROM (
    SELECT external_id AS ext FROM stage_users
    UNION SELECT user_ext FROM stage_tags
  ) s
  ORDER BY ext
  ON CONFLICT DO NOTHING`;

/** Tags have no natural key: a tag is new unless the same user gave it the same movie and time. */
const TAGS = `
  INSERT INTO tags (movie_id, user_id, tag, tagged_at)
  SELECT m.id, u.id, s.tag, to_timestamp(s.ts)
  FROM (SELECT DISTINCT user_ext, movie_ext, tag, ts FROM stage_tags) s
  JOIN users u ON u.external_id = s.user_ext
  JOIN movies m ON m.movielens_id = s.movie_ext
  WHERE NOT EXISTS (
    SELECT 1 FROM tags t
    WHERE t.movie_id = m.id AND t.user_id = u.id AND t.tag = s.tag AND t.tagged_at = to_timestamp(s.ts)
  )`;

export interface MergeOptions {
  /** Staged rows. */
  staged: number;
  /**
   * Ratings or tags at least this many, and more than the table holds, are loaded through
   * withBulkLoad (foreign keys, secondary indexes and triggers off, then rebuilt).
   */
  bulkMinRows: number;
  /** Names each statement before it runs (for progress). */
  onStep: (step: string) => void;
}

/** Rows in `table`, counting no further than `limit`. */
async function rowsUpTo(client: PoolClient, table: string, limit: number): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${table} LIMIT $1) t`,
    [limit],
  );
  return rows[0].n;
}

const UNIQUE_VIOLATION = '23505';

/**
 * A large load: into an empty table with every index off (then built by sorting), falling back
 * to the upsert when the rebuild finds a duplicate; into a table it outnumbers with foreign keys
 * and secondary indexes off; otherwise the plain statement. Savepoints keep it one transaction.
 */
export async function loadLarge(
  client: PoolClient,
  table: string,
  statements: { upsert: string; intoEmpty: string },
  staged: number,
  run: RunStep,
): Promise<number> {
  const existing = await rowsUpTo(client, table, staged);
  if (existing === 0) {
    await client.query('SAVEPOINT bulk_load');
    try {
      const detached = await detachForLoad(client, table, { uniques: true });
      const added = await run(`${table} (bulk, empty table)`, statements.intoEmpty);
      await reattach(client, detached);
      await client.query('RELEASE SAVEPOINT bulk_load');
      return added;
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await client.query('ROLLBACK TO SAVEPOINT bulk_load');
    }
  }
  if (existing >= staged) return run(table, statements.upsert);
  const detached = await detachForLoad(client, table, { uniques: false });
  const added = await run(`${table} (bulk)`, statements.upsert);
  await reattach(client, detached);
  return added;
}

export type RunStep = (step: string, sql: string) => Promise<number>;

/** Runs a statement, naming it first (for progress); resolves with the rows it affected. */
export function stepRunner(client: PoolClient, onStep: (step: string) => void): RunStep {
  return async (step, sql) => {
    onStep(step);
    return (await client.query(sql)).rowCount ?? 0;
  };
}

/** What mergeCatalog added. */
export type CatalogCounts = Pick<
  MergeCounts,
  'genres' | 'movies' | 'moviesUpdated' | 'movieGenres' | 'users'
>;

/** Genres, movies, their genres and users: what the ratings and tags refer to. */
export async function mergeCatalog(
  client: PoolClient,
  onStep: (step: string) => void,
): Promise<CatalogCounts> {
  const run = stepRunner(client, onStep);
  await client.query(
    'ANALYZE stage_movies, stage_movie_genres, stage_links, stage_tags, stage_users',
  );
  const genres = await run('genres', GENRES);
  onStep('movies');
  const movies = await client.query<{ inserted: number; updated: number }>(MOVIES);
  const movieGenres = await run('movie genres', MOVIE_GENRES);
  const users = await run('users', USERS);
  return {
    genres,
    movies: movies.rows[0].inserted,
    moviesUpdated: movies.rows[0].updated,
    movieGenres,
    users,
  };
}

/** The staged tags, after the ratings. */
export async function mergeTags(client: PoolClient, options: MergeOptions): Promise<number> {
  const run = stepRunner(client, options.onStep);
  if (options.staged < options.bulkMinRows) return run('tags', TAGS);
  return loadLarge(client, 'tags', { upsert: TAGS, intoEmpty: TAGS }, options.staged, run);
}
