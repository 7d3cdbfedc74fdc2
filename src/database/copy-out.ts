import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';

/** One row of `COPY ... TO STDOUT` (text format): its fields, SQL NULL as `null`. */
export type CopyRowHandler = (fields: Array<string | null>) => void;

/**
 * Streams `COPY (query) TO STDOUT` on a connection of its own, calling `onRow` per row: the way
 * bulk readers (training) read millions of rows without entities or a result set in memory.
 * The dedicated connection also keeps a long export clear of the pool's statement timeout.
 */
export async function copyOut(
  dataSource: DataSource,
  query: string,
  onRow: CopyRowHandler,
): Promise<void> {
  const options = dataSource.options as { url?: string };
  if (!options.url) throw new Error('COPY needs the database URL of the data source');
  const client = new Client({
    connectionString: options.url,
    application_name: 'movie-recommender-export',
  });
  await client.connect();
  try {
    const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
    let rest = '';
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = rest + chunk.toString('utf8');
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onRow(decodeCopyRow(line));
    }
    if (rest) onRow(decodeCopyRow(rest));
  } finally {
    await client.end();
  }
}

/**
 * Streams `COPY (query) TO STDOUT (FORMAT binary)` on a connection of its own and yields the
 * raw bytes as they arrive (binary COPY framing included, see PostgreSQL's "COPY" page, "Binary
 * Format"): bytea travels as it is stored, without the hex text a result row would carry.
 */
export async function* copyOutBinary(url: string, query: string): AsyncGenerator<Buffer> {
  const client = new Client({
    connectionString: url,
    application_name: 'movie-recommender-export',
  });
  await client.connect();
  try {
    const stream = client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`));
    for await (const piece of stream as AsyncIterable<Buffer>) yield piece;
  } finally {
    await client.end();
  }
}

const COPY_ESCAPES: Record<string, string> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Splits a text-format COPY line and undoes its backslash escapes; `\N` is NULL. */
export function decodeCopyRow(line: string): Array<string | null> {
  return line.split('\t').map((field) => {
    if (field === '\\N') return null;
    if (!field.includes('\\')) return field;
    return field.replace(/\\(.)/g, (_, char: string) => COPY_ESCAPES[char] ?? char);
  });
}
