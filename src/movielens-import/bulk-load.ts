import { PoolClient } from 'pg';

/** What `withBulkLoad` took off a table, to put back exactly as it was. */
interface Detached {
  constraints: Array<{ name: string; definition: string }>;
  indexes: string[];
}

/**
 * Runs `load` (one large INSERT into `table`) with the table's foreign keys, secondary indexes
 * and user triggers off, then puts them back: re-adding a foreign key validates it with one
 * join and an index is built with one sort, where the same rows inserted with them on cost a
 * lookup, a trigger call and four index insertions each (about 30 µs a row, 14 minutes for
 * ML-25M). Primary and unique indexes stay, so ON CONFLICT still works. The definitions are
 * read from the catalog, so migrations may change them freely. All of it is transactional:
 * a failure rolls the schema back with the data. The table is locked (ACCESS EXCLUSIVE) until
 * commit, so use it for large loads only; the caller does the skipped triggers' work itself,
 * set-based (here: the movies' rating statistics).
 */
export async function withBulkLoad<T>(
  client: PoolClient,
  table: string,
  load: () => Promise<T>,
): Promise<T> {
  const detached = await detach(client, table);
  const result = await load();
  for (const index of detached.indexes) await client.query(index);
  for (const constraint of detached.constraints) {
    await client.query(
      `ALTER TABLE ${table} ADD CONSTRAINT ${constraint.name} ${constraint.definition}`,
    );
  }
  await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  return result;
}

async function detach(client: PoolClient, table: string): Promise<Detached> {
  const constraints = await client.query<{ name: string; definition: string }>(
    `SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
    [table],
  );
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT quote_ident(c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass AND NOT i.indisprimary AND NOT i.indisunique
      ORDER BY c.relname`,
    [table],
  );
  for (const constraint of constraints.rows) {
    await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint.name}`);
  }
  for (const index of indexes.rows) await client.query(`DROP INDEX ${index.name}`);
  await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  return {
    constraints: constraints.rows,
    indexes: indexes.rows.map((index) => index.definition),
  };
}
