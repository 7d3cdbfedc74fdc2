import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Pool, PoolClient } from 'pg';
import { DemoRemoval, removeDemoData } from '../../demo/remove-demo-data';
import { decodeMovieLensText } from '../movielens-format';
import { linkRow, tagRow, userRow } from './copy-rows';
import { checksumFiles, FileChecksums, findUnchangedLoad, UnchangedLoad } from './file-checksums';
import { loadRatings } from './load-ratings';
import { MergeCounts, mergeCatalog, mergeTags } from './merge-staged';
import { movieRows, parseGenreNames } from './movie-rows';
import { ImportLayout, resolveImportLayout } from './movielens-layout';
import { ReadRatingsOptions } from './rating-lines';
import { RatingsScan, scanRatings } from './ratings-scan';
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
  /**
   * Import even when the folder's files are those of the latest load (same SHA-256 each),
   * which is otherwise skipped. The merge adds nothing then, unless rows were deleted since.
   */
  force?: boolean;
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
  /**
   * The load this folder's files were last imported by, when they are unchanged since (and
   * the import was skipped: nothing read but the checksums, nothing added); else null.
   */
  unchangedSince: UnchangedLoad | null;
  durationMs: number;
}

const NOTHING_ADDED: MergeCounts = {
  genres: 0,
  movies: 0,
  moviesUpdated: 0,
  movieGenres: 0,
  users: 0,
  ratings: 0,
  tags: 0,
  moviesRescored: 0,
};

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
 * ml-latest-small, ml-20m, ml-25m, ml-32m) in one transaction. The catalog files are streamed
 * through COPY into temporary staging tables and merged with set-based upserts; the ratings
 * file is read twice, first to check it and collect its users and per-movie tallies, then to
 * COPY its rows with our ids straight into the ratings table when that is empty (indexes and
 * keys built once afterwards), or into a staging table to merge otherwise (see loadRatings).
 * The bundled demo catalog, when the database still holds it, is removed in the same
 * transaction (removeDemoData): the import replaces it rather than adding a second copy of its
 * films, and refuses (DemoInUseError) when real accounts gave feedback on it. Any bad line rolls
 * everything back and throws MovieLensImportError with the file and line. A folder whose files
 * all match the checksums recorded by the latest load is not imported again (unless `force`).
 * The pool's client is discarded afterwards, so the session settings made here never reach
 * other users of the pool.
 */
export async function importMovieLens(
  pool: Pool,
  dir: string,
  options: ImportMovieLensOptions = {},
): Promise<ImportMovieLensSummary> {
  const started = Date.now();
  const folder = resolve(dir);
  const layout = await resolveImportLayout(folder);
  const checksums = await checksumFiles(folder, layoutFiles(layout));
  const client = await pool.connect();
  const summary = (fields: Partial<ImportMovieLensSummary>): ImportMovieLensSummary => ({
    dir: folder,
    format: layout.format,
    linesRead: {},
    added: NOTHING_ADDED,
    replacedDemo: null,
    unchangedSince: null,
    ...fields,
    durationMs: Date.now() - started,
  });
  try {
    const unchangedSince = options.force ? null : await findUnchangedLoad(client, checksums);
    if (unchangedSince) return summary({ unchangedSince });
    await client.query(SESSION_SETUP);
    await client.query('BEGIN');
    // First, so that a refusal comes before any file is read.
    const replacedDemo = await removeDemoData(client);
    await client.query(STAGING_TABLES);
    const { linesRead, ratings } = await stageFolder(client, folder, layout, options);
    const onStep = (step: string): void => options.onProgress?.({ phase: 'merge', step });
    const bulkMinRows = options.bulkMinRows ?? DEFAULT_BULK_MIN_ROWS;
    const catalog = await mergeCatalog(client, onStep);
    const loaded = await loadRatings(client, { ...ratings, bulkMinRows, onStep });
    const tags = await mergeTags(client, {
      staged: layout.tags ? (linesRead[layout.tags] ?? 0) : 0,
      bulkMinRows,
      onStep,
    });
    const added: MergeCounts = {
      ...catalog,
      ratings: loaded.added,
      tags,
      moviesRescored: loaded.rescored,
    };
    await recordLoad(client, folder, layout, added, checksums);
    onStep('commit');
    await client.query('COMMIT');
    return summary({ linesRead, added, replacedDemo });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(true);
  }
}

function layoutFiles(layout: ImportLayout): string[] {
  const files = [layout.ratings, layout.movies, layout.tags, layout.genres];
  return [...files, layout.links, layout.users].filter((file): file is string => file !== null);
}

async function stageFolder(
  client: PoolClient,
  dir: string,
  layout: ImportLayout,
  options: ImportMovieLensOptions,
): Promise<{
  linesRead: Record<string, number>;
  ratings: { read: ReadRatingsOptions; scan: RatingsScan };
}> {
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
  ];
  const files = streamed.flatMap((s) => (s.file ? [{ ...s, file: s.file }] : []));
  const fileNames = [...files.map((s) => s.file), layout.ratings];
  const sizes = await Promise.all(
    fileNames.map(async (file) => (await stat(join(dir, file))).size),
  );
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  let bytesBefore = 0;
  const progress = (p: StagingProgress): void =>
    options.onProgress?.({ phase: 'read', ...p, totalBytes, bytesDone: bytesBefore + p.bytesRead });
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
      onProgress: progress,
    });
    bytesBefore += sizes[index];
  }
  const read: ReadRatingsOptions = {
    path: join(dir, layout.ratings),
    file: layout.ratings,
    layout: layout.fields,
    hasHeader: layout.format === 'ml-csv',
  };
  const fileBytes = sizes[sizes.length - 1];
  let rows = 0;
  progress({ file: layout.ratings, rows, bytesRead: 0, fileBytes });
  const scan = await scanRatings(read, (batch) => {
    rows += batch.count;
    progress({ file: layout.ratings, rows, bytesRead: batch.bytesRead, fileBytes });
  });
  linesRead[layout.ratings] = scan.rows;
  const users = [...scan.users.entries()].map(([ext]) => `${ext}\n`);
  await stageRows(client, 'stage_users (external_id)', users);
  return { linesRead, ratings: { read, scan } };
}

async function recordLoad(
  client: PoolClient,
  dir: string,
  layout: ImportLayout,
  added: MergeCounts,
  checksums: FileChecksums,
): Promise<void> {
  await client.query(
    `INSERT INTO dataset_loads (source, name, counts, checksums) VALUES ('movielens', $1, $2, $3)`,
    [`${basename(dir)} (${layout.format})`, JSON.stringify(added), JSON.stringify(checksums)],
  );
}
