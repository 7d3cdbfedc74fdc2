import { PoolClient } from 'pg';
import { MODEL_CHANNEL } from '../../training/model-store/model-channel';
import { TRAINING_LOCK_KEY } from '../../training/training-lock-key';
import { DemoInUseError } from './demo-in-use-error';
import { DEMO_LOAD_LOCK } from './load-demo-data';

/** What removing the demo catalog took away. */
export interface DemoRemoval {
  movies: number;
  /** Demo viewers (accounts that cannot log in). */
  users: number;
  ratings: number;
  /** Genres left without any movie. */
  genres: number;
  /** Model versions trained on the demo data. */
  modelVersions: number;
}

/**
 * The demo's rows, told apart from everything else. The demo loader inserts every movie and
 * viewer in the transaction that records its `dataset_loads` row, and `now()` (the default of
 * both `created_at` and `loaded_at`) is the transaction's start time: so a demo row is one
 * created at exactly its load's `loaded_at`. Movies also have no MovieLens id; viewers have the
 * demo's reserved address, no password and no external id. A movie an admin added, or an
 * account someone registered, never matches.
 */
const MARK_DEMO_ROWS = `
  CREATE TEMP TABLE demo_movies ON COMMIT DROP AS
    SELECT m.id FROM movies m JOIN dataset_loads d ON d.source = 'demo' AND m.created_at = d.loaded_at
     WHERE m.movielens_id IS NULL;
  CREATE TEMP TABLE demo_users ON COMMIT DROP AS
    SELECT u.id FROM users u JOIN dataset_loads d ON d.source = 'demo' AND u.created_at = d.loaded_at
     WHERE u.password_hash IS NULL AND u.external_id IS NULL
       AND u.email LIKE 'demo-viewer-%@users.invalid';
  ALTER TABLE demo_movies ADD PRIMARY KEY (id);
  ALTER TABLE demo_users ADD PRIMARY KEY (id);
  ANALYZE demo_movies, demo_users`;

/** Real accounts with feedback on a demo movie: every table in which a user rates a movie. */
const REAL_FEEDBACK = `
  SELECT count(*)::int AS accounts, (array_agg(user_id ORDER BY user_id))[1:3] AS sample
    FROM (SELECT user_id FROM ratings WHERE movie_id IN (SELECT id FROM demo_movies)
          UNION SELECT user_id FROM watch_history WHERE movie_id IN (SELECT id FROM demo_movies)
          UNION SELECT user_id FROM tags WHERE movie_id IN (SELECT id FROM demo_movies)) f
   WHERE user_id IS NOT NULL AND user_id NOT IN (SELECT id FROM demo_users)`;

/**
 * Removed in this order so each delete is one statement: the ratings first (one run of the
 * aggregate trigger rather than one per cascaded viewer), then what references the movies and
 * viewers, then they. Model versions trained before any real data was loaded (or flagged demo)
 * go too: they can only name demo movies.
 */
const REMOVE = {
  ratings: `DELETE FROM ratings WHERE user_id IN (SELECT id FROM demo_users)`,
  watches: `DELETE FROM watch_history WHERE user_id IN (SELECT id FROM demo_users)`,
  tags: `DELETE FROM tags WHERE movie_id IN (SELECT id FROM demo_movies)
           OR user_id IN (SELECT id FROM demo_users)`,
  movies: `DELETE FROM movies WHERE id IN (SELECT id FROM demo_movies)`,
  users: `DELETE FROM users WHERE id IN (SELECT id FROM demo_users)`,
  genres: `DELETE FROM genres g WHERE NOT EXISTS (SELECT 1 FROM movie_genres mg WHERE mg.genre_id = g.id)`,
  modelVersions: `DELETE FROM model_versions WHERE is_demo OR created_at <
    coalesce((SELECT min(loaded_at) FROM dataset_loads WHERE source <> 'demo'), 'infinity')`,
  loads: `DELETE FROM dataset_loads WHERE source = 'demo'`,
};

/**
 * Removes the bundled demo catalog inside the caller's transaction, so that an import replaces
 * it rather than adding a second copy of its films beside it: the demo movies (with their
 * genre links and tags), the demo viewers with their ratings and history, genres no movie uses
 * any more, the model versions trained on the demo, and the demo's `dataset_loads` row. Real
 * accounts and what they own, and movies an admin added, are kept. Returns null when there is no
 * demo catalog. Throws DemoInUseError, having changed nothing, when a real account rated,
 * watched or tagged a demo movie.
 *
 * Waits for a running training to end and keeps new ones out until commit: a model trained on
 * the demo and stored after this commit would serve removed movies. Movie ids come from the
 * identity sequence and are never reused, so a demo model still held by a server can never name
 * an imported movie; the NOTIFY (delivered at commit) makes every server drop it at once.
 */
export async function removeDemoData(client: PoolClient): Promise<DemoRemoval | null> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOAD_LOCK]);
  const { rows } = await client.query(`SELECT 1 FROM dataset_loads WHERE source = 'demo' LIMIT 1`);
  if (rows.length === 0) return null;
  await client.query(MARK_DEMO_ROWS);
  const feedback = await client.query<{ accounts: number; sample: number[] | null }>(REAL_FEEDBACK);
  const { accounts, sample } = feedback.rows[0];
  if (accounts > 0) throw new DemoInUseError(accounts, sample ?? []);
  await client.query('SELECT pg_advisory_xact_lock($1)', [TRAINING_LOCK_KEY]);
  const run = async (sql: string): Promise<number> => (await client.query(sql)).rowCount ?? 0;
  const ratings = await run(REMOVE.ratings);
  await run(REMOVE.watches);
  await run(REMOVE.tags);
  const movies = await run(REMOVE.movies);
  const users = await run(REMOVE.users);
  const genres = await run(REMOVE.genres);
  const modelVersions = await run(REMOVE.modelVersions);
  await run(REMOVE.loads);
  await client.query('SELECT pg_notify($1, $2)', [MODEL_CHANNEL, '']);
  return { movies, users, ratings, genres, modelVersions };
}
