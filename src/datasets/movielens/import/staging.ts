import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BadLineError, MovieLensImportError } from './import-error';
import { countLines, linesOf, readTextChunks, TextChunk, TextEncoding } from './line-reader';

/**
 * Temporary staging tables: not WAL-logged, private to the import's session, dropped at commit.
 * Ids are MovieLens' own, which the merge maps to ours, except in stage_ratings: the importer
 * resolves the ratings' ids itself (see load-ratings.ts).
 */
export const STAGING_TABLES = `
  CREATE TEMP TABLE stage_movies (movielens_id integer, title text, release_year integer) ON COMMIT DROP;
  CREATE TEMP TABLE stage_movie_genres (movielens_id integer, genre text) ON COMMIT DROP;
  CREATE TEMP TABLE stage_links (movielens_id integer, imdb_id text, tmdb_id integer) ON COMMIT DROP;
  CREATE TEMP TABLE stage_users (external_id integer) ON COMMIT DROP;
  CREATE TEMP TABLE stage_ratings (user_id integer, movie_id integer, rating real, rated_at timestamptz) ON COMMIT DROP;
  CREATE TEMP TABLE stage_movie_stats (movie_id integer, n integer, half_sum float8) ON COMMIT DROP;
  CREATE TEMP TABLE stage_tags (user_ext integer, movie_ext integer, tag text, ts bigint) ON COMMIT DROP;
`;

/** Progress of the streaming phase, reported when a file starts and about every MiB read. */
export interface StagingProgress {
  file: string;
  rows: number;
  bytesRead: number;
  fileBytes: number;
}

export interface StageFileOptions {
  dir: string;
  file: string;
  /** `table (columns)` of the COPY. */
  target: string;
  encoding: TextEncoding;
  /** CSV files start with a header line. */
  hasHeader: boolean;
  toRow: (line: string) => string;
  onProgress?: (progress: StagingProgress) => void;
}

/** Drops a CSV header (a first line not starting with a digit). */
function withoutHeader(chunk: TextChunk): TextChunk {
  if (chunk.firstLine !== 1 || !/^\D/.test(chunk.text)) return chunk;
  const end = chunk.text.indexOf('\n') + 1;
  return { ...chunk, text: chunk.text.slice(end), firstLine: 2, lineCount: chunk.lineCount - 1 };
}

/** The chunk's lines through toRow, skipping blank lines; a rejected line names its number. */
function rowsOf(chunk: TextChunk, options: StageFileOptions): string {
  const out: string[] = [];
  linesOf(chunk).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(options.toRow(line));
    } catch (error) {
      if (!(error instanceof BadLineError)) throw error;
      throw new MovieLensImportError(options.file, chunk.firstLine + i, error.message);
    }
  });
  return out.join('');
}

/**
 * Streams one file through `toRow` into `COPY ... FROM STDIN`, honouring back-pressure, so memory
 * stays at one chunk whatever the file's size. A line `toRow` rejects aborts the COPY (and so the
 * transaction) with a MovieLensImportError naming the file and line. Returns the rows copied.
 */
export async function stageFile(client: PoolClient, options: StageFileOptions): Promise<number> {
  const path = join(options.dir, options.file);
  const fileBytes = (await stat(path)).size;
  let rows = 0;
  // A first report at 0 bytes marks when the file started, so a rate can be measured from it.
  options.onProgress?.({ file: options.file, rows, bytesRead: 0, fileBytes });
  await copyIn(client, `COPY ${options.target} FROM STDIN`, async (write) => {
    for await (const read of readTextChunks(path, options.encoding)) {
      const chunk = options.hasHeader ? withoutHeader(read) : read;
      const text = rowsOf(chunk, options);
      rows += countLines(text);
      await write(text);
      options.onProgress?.({ file: options.file, rows, bytesRead: chunk.bytesRead, fileBytes });
    }
  });
  return rows;
}

/**
 * Runs `sql` (a `COPY ... FROM STDIN`) with the data `produce` writes, honouring back-pressure
 * (each write waits while the connection's buffer is full), so memory stays at what one write
 * holds. An error from `produce` aborts the COPY, and so the transaction, and is rethrown.
 */
export async function copyIn(
  client: PoolClient,
  sql: string,
  produce: (write: (data: string | Buffer) => Promise<void>) => Promise<void>,
): Promise<void> {
  const stream = client.query(copyFrom(sql));
  const write = async (data: string | Buffer): Promise<void> => {
    if (!stream.write(data)) await once(stream, 'drain');
  };
  try {
    await produce(write);
    stream.end();
    await finished(stream);
  } catch (error) {
    stream.destroy(error instanceof Error ? error : new Error(String(error)));
    await finished(stream).catch(() => undefined);
    throw error;
  }
}

/** Copies rows already in memory (the movies file, a few MB at most). */
export async function stageRows(client: PoolClient, target: string, rows: string[]): Promise<void> {
  const CHUNK = 10000;
  await copyIn(client, `COPY ${target} FROM STDIN`, async (write) => {
    for (let start = 0; start < rows.length; start += CHUNK) {
      await write(rows.slice(start, start + CHUNK).join(''));
    }
  });
}
