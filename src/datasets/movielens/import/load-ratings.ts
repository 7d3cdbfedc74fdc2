import { PoolClient } from 'pg';
import { BinaryRowWriter, COPY_BINARY_HEADER, COPY_BINARY_TRAILER } from './binary-copy';
import { detachForLoad, reattach } from './bulk-load';
import { IdMap } from './id-map';
import { loadLarge, stepRunner } from './merge-staged';
import { readRatings, ReadRatingsOptions } from './rating-lines';
import { RatingsScan } from './ratings-scan';
import { copyIn, stageRows } from './staging';

export interface LoadRatingsOptions {
  read: ReadRatingsOptions;
  /** The first pass over the same file (its users are already in the users table). */
  scan: RatingsScan;
  /** At least this many ratings take a bulk path (see loadRatings). */
  bulkMinRows: number;
  onStep: (step: string) => void;
}

export interface RatingsLoaded {
  added: number;
  /** Movies whose rating_count or rating_mean changed. */
  rescored: number;
}

/** Original timestamps are kept; a (user, movie) pair already rated keeps its rating. */
const RATINGS = `
  INSERT INTO ratings (user_id, movie_id, rating, rated_at)
  SELECT user_id, movie_id, rating, rated_at FROM stage_ratings
  ON CONFLICT (user_id, movie_id) DO NOTHING`;

const RATINGS_INTO_EMPTY = `
  INSERT INTO ratings (user_id, movie_id, rating, rated_at)
  SELECT user_id, movie_id, rating, rated_at FROM stage_ratings`;

/** rating_count and rating_mean of every movie the import rated, recomputed from all its ratings. */
const RATING_STATS = `
  UPDATE movies m
  SET rating_count = s.n, rating_mean = s.mean, updated_at = now()
  FROM (
    SELECT r.movie_id, count(*)::int AS n, avg(r.rating)::float8 AS mean
    FROM ratings r
    WHERE r.movie_id IN (SELECT DISTINCT movie_id FROM stage_ratings)
    GROUP BY r.movie_id
  ) s
  WHERE m.id = s.movie_id AND (m.rating_count, m.rating_mean) IS DISTINCT FROM (s.n, s.mean)`;

/**
 * The same statistics from the first pass's tallies, for ratings loaded into an empty table:
 * half-star sums are exact, so sum / 2 / count is the double avg(rating) gives.
 */
const TALLIED_STATS = `
  UPDATE movies m
  SET rating_count = s.n, rating_mean = s.half_sum / 2 / s.n, updated_at = now()
  FROM stage_movie_stats s
  WHERE m.id = s.movie_id
    AND (m.rating_count, m.rating_mean) IS DISTINCT FROM (s.n, s.half_sum / 2 / s.n)`;

/**
 * Working memory for the index builds of a bulk load, shared by the build's parallel workers:
 * 2 GB holds the sort of 25 million index entries in memory (about 64 bytes each), where less
 * spills to temporary files.
 */
const INDEX_BUILD_SETTINGS = `
  SET LOCAL maintenance_work_mem = '2GB';
  SET LOCAL max_parallel_maintenance_workers = 2`;

const UNIQUE_VIOLATION = '23505';

/** Bytes of one binary COPY row of ratings: field count, then (length, value) per column. */
const ROW_BYTES = 2 + 4 * 8 + 12;

/**
 * Loads the ratings file, its ids resolved here (MovieLens ids → ours) and its rows streamed by
 * binary COPY, on one of two paths:
 *
 * - Into an empty table (a first import of a large folder): the table is locked, its indexes,
 *   keys and triggers taken off, the rows copied in with ids reserved from its sequence (and
 *   frozen, when nothing references the table, so no vacuum has to rewrite them later), then
 *   every index and key is built once by sorting, and the movies' statistics set from the first
 *   pass's tallies. The lock is taken before the table is found empty, so a concurrent rating
 *   waits for the import rather than being missed. A duplicated (user, movie) pair in the file
 *   fails the unique index's build; the path is then undone and the merge below runs.
 * - Otherwise (ratings already there, the app perhaps serving): the rows are copied into a
 *   temporary table and merged with INSERT ... ON CONFLICT DO NOTHING, so nothing stored is
 *   changed or lost; a load that outnumbers the table rebuilds its non-unique indexes and keys
 *   (loadLarge), and the statistics of the rated movies are recomputed from the table.
 */
export async function loadRatings(
  client: PoolClient,
  options: LoadRatingsOptions,
): Promise<RatingsLoaded> {
  let duplicates = false;
  if (options.scan.rows >= options.bulkMinRows) {
    const loaded = await loadIntoEmpty(client, options);
    if (loaded !== 'duplicates' && loaded !== 'not empty') return loaded;
    duplicates = loaded === 'duplicates';
  }
  const run = stepRunner(client, options.onStep);
  options.onStep('ratings (staging)');
  // A user or movie deleted meanwhile fails the insert's foreign key: nothing is kept then.
  const staged = await copyRatings(
    client,
    'stage_ratings (user_id, movie_id, rating, rated_at)',
    options.read,
    await resolveIds(client),
    null,
  );
  await client.query('ANALYZE stage_ratings');
  const statements = { upsert: RATINGS, intoEmpty: RATINGS_INTO_EMPTY };
  const added =
    duplicates || staged < options.bulkMinRows
      ? await run('ratings', RATINGS)
      : await loadLarge(client, 'ratings', statements, staged, run);
  // Also does the work of the aggregate trigger, which a bulk load turns off; with no rating
  // added, no movie's statistics can have changed.
  const rescored = added > 0 ? await run('rating statistics', RATING_STATS) : 0;
  return { added, rescored };
}

type ResolvedIds = { users: IdMap; movies: IdMap };

/** Our ids of the MovieLens users and movies (a few hundred thousand at most). */
async function resolveIds(client: PoolClient): Promise<ResolvedIds> {
  const idMapOf = async (sql: string): Promise<IdMap> => {
    const { rows } = await client.query<{ ext: number; id: number }>(sql);
    const map = new IdMap();
    for (const row of rows) map.set(row.ext, row.id);
    return map;
  };
  return {
    users: await idMapOf('SELECT external_id AS ext, id FROM users WHERE external_id IS NOT NULL'),
    movies: await idMapOf(
      'SELECT movielens_id AS ext, id FROM movies WHERE movielens_id IS NOT NULL',
    ),
  };
}

async function loadIntoEmpty(
  client: PoolClient,
  options: LoadRatingsOptions,
): Promise<RatingsLoaded | 'duplicates' | 'not empty'> {
  const isEmpty = async (): Promise<boolean> =>
    (await client.query('SELECT 1 FROM ratings LIMIT 1')).rowCount === 0;
  // A first look without the lock spares a serving database the wait behind it.
  if (!(await isEmpty())) return 'not empty';
  await client.query('SAVEPOINT ratings_into_empty');
  try {
    // Dropping the foreign keys locks users and movies against writes anyway: take those locks
    // first, in the order an account's deletion takes them (users, then its ratings), so that
    // the two wait for each other instead of deadlocking. Held until commit, they also keep
    // every id resolved below from being deleted.
    await client.query('LOCK TABLE users, movies IN SHARE ROW EXCLUSIVE MODE');
    await client.query('LOCK TABLE ratings IN ACCESS EXCLUSIVE MODE');
    if (!(await isEmpty())) {
      await client.query('ROLLBACK TO SAVEPOINT ratings_into_empty');
      return 'not empty';
    }
    // COPY FREEZE needs the table truncated in this (sub)transaction, which TRUNCATE refuses
    // when another table references this one.
    const { rows: referenced } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE confrelid = 'ratings'::regclass`,
    );
    const freeze = referenced[0].n === 0;
    if (freeze) await client.query('TRUNCATE ratings');
    const detached = await detachForLoad(client, 'ratings', { uniques: true });
    const { rows: sequence } = await client.query<{ first: string }>(
      `SELECT nextval(pg_get_serial_sequence('ratings', 'id')) AS first`,
    );
    const first = Number(sequence[0].first);
    const ids = await resolveIds(client);
    options.onStep('ratings (bulk, empty table)');
    const added = await copyRatings(
      client,
      `ratings (id, user_id, movie_id, rating, rated_at)`,
      options.read,
      ids,
      first,
      freeze,
    );
    if (added > 0) {
      await client.query(`SELECT setval(pg_get_serial_sequence('ratings', 'id'), $1)`, [
        first + added - 1,
      ]);
    }
    options.onStep('ratings (indexes and keys)');
    await client.query(INDEX_BUILD_SETTINGS);
    await reattach(client, detached);
    options.onStep('rating statistics');
    const rescored = await setTalliedStats(client, options.scan, ids.movies);
    await client.query('RELEASE SAVEPOINT ratings_into_empty');
    return { added, rescored };
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await client.query('ROLLBACK TO SAVEPOINT ratings_into_empty');
    return 'duplicates';
  }
}

async function setTalliedStats(
  client: PoolClient,
  scan: RatingsScan,
  movies: IdMap,
): Promise<number> {
  const rows: string[] = [];
  for (const [ext, slot] of scan.movies.slots.entries()) {
    const id = movies.get(ext);
    if (id !== 0) rows.push(`${id}\t${scan.movies.counts[slot]}\t${scan.movies.halfSums[slot]}\n`);
  }
  await stageRows(client, 'stage_movie_stats (movie_id, n, half_sum)', rows);
  return (await client.query(TALLIED_STATS)).rowCount ?? 0;
}

/**
 * The second pass: streams the ratings file into `target` by binary COPY with our user and
 * movie ids (a rating of a movie the catalog lacks is skipped), and, when `firstId` is given,
 * ids numbered from it. Resolves with the rows written.
 */
async function copyRatings(
  client: PoolClient,
  target: string,
  read: ReadRatingsOptions,
  ids: ResolvedIds,
  firstId: number | null,
  freeze = false,
): Promise<number> {
  const writer = new BinaryRowWriter();
  const fields = firstId === null ? 4 : 5;
  let written = 0;
  const sql = `COPY ${target} FROM STDIN (FORMAT binary${freeze ? ', FREEZE' : ''})`;
  await copyIn(client, sql, async (write) => {
    await write(COPY_BINARY_HEADER);
    for await (const batch of readRatings(read)) {
      writer.reserve(batch.count * ROW_BYTES);
      for (let i = 0; i < batch.count; i++) {
        const movie = ids.movies.get(batch.movies[i]);
        if (movie === 0) continue;
        writer.row(fields);
        if (firstId !== null) writer.int4(firstId + written);
        writer.int4(ids.users.get(batch.users[i]));
        writer.int4(movie);
        writer.float4(batch.halves[i] / 2);
        writer.timestampFromSeconds(batch.seconds[i]);
        written++;
      }
      await write(writer.take());
    }
    await write(COPY_BINARY_TRAILER);
  });
  return written;
}
