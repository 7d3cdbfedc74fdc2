import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BadLineError, MovieLensImportError } from './import-error';
import { readLineBatches, TextEncoding } from './line-reader';

/**
 * Temporary staging tables: not WAL-logged, private to the import's session, dropped at commit.
 * Ids are MovieLens' own; the merge maps them to ours.
 */
export const STAGING_TABLES = `
  CREATE TEMP TABLE stage_movies (movielens_id integer, title text, release_year integer) ON COMMIT DROP;
  CREATE TEMP TABLE stage_movie_genres (movielens_id integer, genre text) ON COMMIT DROP;
  CREATE TEMP TABLE stage_links (movielens_id integer, imdb_id text, tmdb_id integer) ON COMMIT DROP;
  CREATE TEMP TABLE stage_users (external_id integer) ON COMMIT DROP;
  CREATE TEMP TABLE stage_ratings (user_ext integer, movie_ext integer, rating real, ts bigint) ON COMMIT DROP;
  CREATE TEMP TABLE stage_tags (user_ext integer, movie_ext integer, tag text, ts bigint) ON COMMIT DROP;
`;

/** Progress of the streaming phase, reported about every MiB read. */
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

/**
 * Streams one file through `toRow` into `COPY ... FROM STDIN`, honouring back-pressure, so memory
 * stays at one chunk whatever the file's size. A line `toRow` rejects aborts the COPY (and so the
 * transaction) with a MovieLensImportError naming the file and line. Returns the rows copied.
 */
export async function stageFile(client: PoolClient, options: StageFileOptions): Promise<number> {
  const path = join(options.dir, options.file);
  const fileBytes = (await stat(path)).size;
  const stream = client.query(copyFrom(`COPY ${options.target} FROM STDIN`));
  let rows = 0;
  try {
    for await (const batch of readLineBatches(path, options.encoding)) {
      const out: string[] = [];
      batch.lines.forEach((line, i) => {
        const lineNumber = batch.firstLine + i;
        if (line.trim() === '' || (lineNumber === 1 && options.hasHeader && /^\D/.test(line))) {
          return;
        }
        try {
          out.push(options.toRow(line));
        } catch (error) {
          if (!(error instanceof BadLineError)) throw error;
          throw new MovieLensImportError(options.file, lineNumber, error.message);
        }
      });
      rows += out.length;
      if (!stream.write(out.join(''))) await once(stream, 'drain');
      options.onProgress?.({ file: options.file, rows, bytesRead: batch.bytesRead, fileBytes });
    }
    stream.end();
    await finished(stream);
  } catch (error) {
    stream.destroy(error instanceof Error ? error : new Error(String(error)));
    await finished(stream).catch(() => undefined);
    throw error;
  }
  return rows;
}

/** Copies rows already in memory (the movies file, a few MB at most). */
export async function stageRows(client: PoolClient, target: string, rows: string[]): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  const CHUNK = 10000;
  for (let start = 0; start < rows.length; start += CHUNK) {
    if (!stream.write(rows.slice(start, start + CHUNK).join(''))) await once(stream, 'drain');
  }
  stream.end();
  await finished(stream);
}
