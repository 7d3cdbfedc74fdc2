import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Pool, PoolClient } from 'pg';
import { DemoRemoval, removeDemoData } from '../../demo/remove-demo-data';
import { decodeMovieLensText } from '../movielens-format';
import { linkRow, plainRatingChunk, ratingRow, tagRow, userRow } from './copy-rows';
import { MergeCounts, mergeStaged } from './merge-staged';
import { movieRows, parseGenreNames } from './movie-rows';
import { ImportLayout, resolveImportLayout } from './movielens-layout';
import { STAGING_TABLES, stageFile, StagingProgress, stageRows } from './staging';

export type ImportProgress =
  | ({ phase: 'read'; totalBytes: number; bytesDone: number } & StagingProgress)
  | { phase: 'merge'; step: string };

export interface ImportMovieLensOptions {
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Ratings or tags at least this many, and more than already stored, are bulk-loaded: the
   * table's foreign keys, secondary indexes and triggers are off during the insert and rebuilt
   * after, and the table is locked until commit. Default 100,000.
   */
  bulkMinRows?: number;
}

export interface ImportMovieLensSummary {
  dir: string;
  format: ImportLayout['format'];
  /** Data lines read per file (headers and blank lines excluded). */
  linesRead: Record<string, number>;
  /** What the import added; a second import of the same folder gives zeros. */
  added: MergeCounts;
  /** The demo catalog this import replaced, or null when the database held none. */
  replacedDemo: DemoRemoval | null;
  durationMs: number;
}

const DEFAULT_BULK_MIN_ROWS = 100_000;

/** Session settings for one large transaction; temp_buffers must precede any temp table. */
const SESSION_SETUP = `
  SET temp_buffers = '256MB';
  SET work_mem = '256MB';
  SET maintenance_work_mem = '512MB';
  SET statement_timeout = 0;
  SET idle_in_transaction_session_timeout = 0`;

/**
 * Imports a MovieLens folder as GroupLens distributes it (ml-100k, ml-1m, ml-10m, ml-latest,
 * ml-latest-small, ml-20m, ml-25m, ml-32m) in one transaction: every file is streamed through
 * COPY into temporary staging tables, then merged with set-based upserts and the rating
 * statistics of the rated movies are recomputed. The bundled demo catalog, when the database
 * still holds it, is removed in the same transaction (removeDemoData): the import replaces it
 * rather than adding a second copy of its films, and refuses (DemoInUseError) when real accounts
 * gave feedback on it. Any bad line rolls everything back and throws MovieLensImportError with
 * the file and line. The pool's client is discarded afterwards, so the session settings made
 * here never reach other users of the pool.
 */
export async function importMovieLens(
  pool: Pool,
  dir: string,
  options: ImportMovieLensOptions = {},
): Promise<ImportMovieLensSummary> {
  const started = Date.now();
  const folder = resolve(dir);
  const layout = await resolveImportLayout(folder);
  const client = await pool.connect();
  try {
    await client.query(SESSION_SETUP);
    await client.query('BEGIN');
    // First, so that a refusal comes before any file is read.
    const replacedDemo = await removeDemoData(client);
    await client.query(STAGING_TABLES);
    const linesRead = await stageFolder(client, folder, layout, options);
    const added = await mergeStaged(client, {
      staged: {
        ratings: linesRead[layout.ratings] ?? 0,
        tags: layout.tags ? (linesRead[layout.tags] ?? 0) : 0,
      },
      bulkMinRows: options.bulkMinRows ?? DEFAULT_BULK_MIN_ROWS,
      onStep: (step) => options.onProgress?.({ phase: 'merge', step }),
    });
    await recordLoad(client, folder, layout, added);
    options.onProgress?.({ phase: 'merge', step: 'commit' });
    await client.query('COMMIT');
    return {
      dir: folder,
      format: layout.format,
      linesRead,
      added,
      replacedDemo,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(true);
  }
}

async function stageFolder(
  client: PoolClient,
  dir: string,
  layout: ImportLayout,
  options: ImportMovieLensOptions,
): Promise<Record<string, number>> {
  const genreNames = layout.genres
    ? parseGenreNames(layout.genres, decodeMovieLensText(await readFile(join(dir, layout.genres))))
    : [];
  const movies = movieRows(
    layout.movies,
    layout.format,
    decodeMovieLensText(await readFile(join(dir, layout.movies))),
    genreNames,
  );
  await stageRows(client, 'stage_movies (movielens_id, title, release_year)', movies.movies);
  await stageRows(client, 'stage_movie_genres (movielens_id, genre)', movies.movieGenres);
  const linesRead: Record<string, number> = { [layout.movies]: movies.movies.length };

  const streamed: Array<{
    file: string | null;
    target: string;
    toRow: (line: string) => string;
    plainChunk?: (text: string) => string | null;
  }> = [
    { file: layout.links, target: 'stage_links (movielens_id, imdb_id, tmdb_id)', toRow: linkRow },
    {
      file: layout.users,
      target: 'stage_users (external_id)',
      toRow: (line) => userRow(layout.usersFields, line),
    },
    {
      file: layout.tags,
      target: 'stage_tags (user_ext, movie_ext, tag, ts)',
      toRow: (line) => tagRow(layout.fields, line),
    },
    {
      file: layout.ratings,
      target: 'stage_ratings (user_ext, movie_ext, rating, ts)',
      toRow: (line) => ratingRow(layout.fields, line),
      plainChunk: (text: string) => plainRatingChunk(layout.fields, text),
    },
  ];
  const files = streamed.flatMap((s) => (s.file ? [{ ...s, file: s.file }] : []));
  const sizes = await Promise.all(files.map(async (s) => (await stat(join(dir, s.file))).size));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  let bytesBefore = 0;
  for (const [index, source] of files.entries()) {
    linesRead[source.file] = await stageFile(client, {
      dir,
      file: source.file,
      target: source.target,
      // Only the movie titles of ml-100k and ml-1m are Latin-1 (decoded above); ml-10m's tags
      // and every CSV release are UTF-8, and the other files are ASCII.
      encoding: 'utf-8',
      hasHeader: layout.format === 'ml-csv',
      toRow: source.toRow,
      plainChunk: source.plainChunk,
      onProgress: (p) =>
        options.onProgress?.({
          phase: 'read',
          ...p,
          totalBytes,
          bytesDone: bytesBefore + p.bytesRead,
        }),
    });
    bytesBefore += sizes[index];
  }
  return linesRead;
}

async function recordLoad(
  client: PoolClient,
  dir: string,
  layout: ImportLayout,
  added: MergeCounts,
): Promise<void> {
  await client.query(
    `INSERT INTO dataset_loads (source, name, counts) VALUES ('movielens', $1, $2)`,
    [`${basename(dir)} (${layout.format})`, JSON.stringify(added)],
  );
}
