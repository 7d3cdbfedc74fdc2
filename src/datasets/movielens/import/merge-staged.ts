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

const MOVIES = `
  WITH source AS (
    SELECT DISTINCT ON (s.movielens_id) s.movielens_id, s.title, s.release_year, l.imdb_id, l.tmdb_id
    FROM stage_movies s LEFT JOIN stage_links l USING (movielens_id)
    ORDER BY s.movielens_id
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

/** MovieLens users become accounts that cannot log in: no password, a reserved address. */
const USERS = `
  INSERT INTO users (email, external_id, display_name)
  SELECT 'movielens-' || ext || '@users.invalid', ext, 'MovieLens user ' || ext
  FROM (
    SELECT external_id AS ext FROM stage_users
    UNION SELECT user_ext FROM stage_ratings
    UNION SELECT user_ext FROM stage_tags
  ) s
  ORDER BY ext
  ON CONFLICT DO NOTHING`;

/** Original timestamps are kept. RATINGS_INTO_EMPTY serves an empty table with no indexes. */
const RATINGS_INTO_EMPTY = `
  INSERT INTO ratings (user_id, movie_id, rating, rated_at)
  SELECT u.id, m.id, s.rating, to_timestamp(s.ts)
  FROM stage_ratings s
  JOIN users u ON u.external_id = s.user_ext
  JOIN movies m ON m.movielens_id = s.movie_ext`;

/** A (user, movie) pair already rated keeps its rating. */
const RATINGS = `${RATINGS_INTO_EMPTY}
  ON CONFLICT (user_id, movie_id) DO NOTHING`;

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

/** rating_count and rating_mean of every movie the import rated, recomputed from all its ratings. */
const RATING_STATS = `
  UPDATE movies m
  SET rating_count = s.n, rating_mean = s.mean, updated_at = now()
  FROM (
    SELECT r.movie_id, count(*)::int AS n, avg(r.rating)::float8 AS mean
    FROM ratings r
    WHERE r.movie_id IN (
      SELECT m2.id FROM movies m2 JOIN (SELECT DISTINCT movie_ext FROM stage_ratings) t
        ON m2.movielens_id = t.movie_ext
    )
    GROUP BY r.movie_id
  ) s
  WHERE m.id = s.movie_id AND (m.rating_count, m.rating_mean) IS DISTINCT FROM (s.n, s.mean)`;

export interface MergeOptions {
  /** Staged rows per table. */
  staged: { ratings: number; tags: number };
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
async function loadLarge(
  client: PoolClient,
  table: string,
  statements: { upsert: string; intoEmpty: string },
  staged: number,
  run: (step: string, sql: string) => Promise<number>,
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

/** Runs the merge in dependency order and says what it added. */
export async function mergeStaged(client: PoolClient, options: MergeOptions): Promise<MergeCounts> {
  const run = async (step: string, sql: string): Promise<number> => {
    options.onStep(step);
    return (await client.query(sql)).rowCount ?? 0;
  };
  const runLarge = async (
    table: 'ratings' | 'tags',
    statements: { upsert: string; intoEmpty: string },
  ): Promise<number> => {
    const staged = options.staged[table];
    if (staged < options.bulkMinRows) return run(table, statements.upsert);
    return loadLarge(client, table, statements, staged, run);
  };
  await client.query(
    'ANALYZE stage_movies, stage_movie_genres, stage_links, stage_ratings, stage_tags, stage_users',
  );
  const genres = await run('genres', GENRES);
  options.onStep('movies');
  const movies = await client.query<{ inserted: number; updated: number }>(MOVIES);
  const movieGenres = await run('movie genres', MOVIE_GENRES);
  const users = await run('users', USERS);
  const ratings = await runLarge('ratings', { upsert: RATINGS, intoEmpty: RATINGS_INTO_EMPTY });
  const tags = await runLarge('tags', { upsert: TAGS, intoEmpty: TAGS });
  // Also does the work of the ratings' aggregate trigger, which a bulk load turns off; with no
  // rating added, no movie's statistics can have changed.
  const moviesRescored = ratings > 0 ? await run('rating statistics', RATING_STATS) : 0;
  return {
    genres,
    movies: movies.rows[0].inserted,
    moviesUpdated: movies.rows[0].updated,
    movieGenres,
    users,
    ratings,
    tags,
    moviesRescored,
  };
}
