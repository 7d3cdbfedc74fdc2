/**
 * The SQL of the history queries, free of Nest so the e2e test can EXPLAIN exactly what the
 * repository runs. Both walk watch_history_user_watched_at_idx (user_id, watched_at DESC,
 * id DESC): the first page and a deep page cost the same.
 */
const PAGE_COLUMNS = `id, movie_id AS "movieId", watched_at AS "watchedAt", progress,
  to_char(watched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"`;

/** $1 user id, $2 limit. */
export const HISTORY_FIRST_PAGE_SQL = `SELECT ${PAGE_COLUMNS} FROM watch_history
  WHERE user_id = $1 ORDER BY watched_at DESC, id DESC LIMIT $2`;

/** $1 user id, $2 limit, $3 and $4 the cursor's watched_at and id. */
export const HISTORY_PAGE_BEFORE_SQL = `SELECT ${PAGE_COLUMNS} FROM watch_history
  WHERE user_id = $1 AND (watched_at, id) < ($3::timestamptz, $4::integer)
  ORDER BY watched_at DESC, id DESC LIMIT $2`;
