import type { Pool } from 'pg';

/** A statement and its parameters. */
export interface Statement {
  text: string;
  values: readonly unknown[];
}

/**
 * One page of rows and the count of all of them, as two statements sent side by side on `db`
 * (a replica's pool or the primary's, as ReadReplicas hands it out). The count statement must
 * answer one row with an int `total`.
 */
export async function queryPageWithTotal<T>(
  db: Pool,
  page: Statement,
  count: Statement,
): Promise<{ rows: T[]; total: number }> {
  const [rows, totals] = await Promise.all([
    db.query(page.text, [...page.values]),
    db.query<{ total: number }>(count.text, [...count.values]),
  ]);
  return { rows: rows.rows as T[], total: totals.rows[0].total };
}
