import type { Pool } from 'pg';

/** A statement the driver prepares once per pooled connection and then only executes. */
export interface PreparedStatement {
  /** Unique in the process: node-postgres keys a connection's prepared statements by it. */
  readonly name: string;
  readonly text: string;
}

/**
 * Runs a prepared statement straight through a node-postgres pool (the primary's, which
 * TypeORM keeps as `driver.master`, or a replica's: ReadReplicas hands out either), answering
 * rows as arrays: one round trip, with no parse or plan after a connection's first use, no
 * column-name objects and no TypeORM query wrapper. For the hot read paths only; everything
 * else goes through the repositories.
 */
export async function queryPrepared(
  pool: Pool,
  statement: PreparedStatement,
  values: readonly unknown[],
): Promise<unknown[][]> {
  const result = await pool.query<unknown[]>({
    name: statement.name,
    text: statement.text,
    values: [...values],
    rowMode: 'array',
  });
  return result.rows;
}
