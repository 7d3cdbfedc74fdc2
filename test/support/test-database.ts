import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from '../../src/database/app-role';

export interface TestDatabase {
  url: string;
  name: string;
  /** Runs SQL on the test database (for assertions and set-up only; tests act through HTTP). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_ADMIN_DATABASE_URL;
  if (!url)
    throw new Error('TEST_ADMIN_DATABASE_URL is unset: run e2e tests through jest (global setup)');
  return url;
}

/** How long drop() waits for the database's other connections to close before cutting them. */
const DROP_WAIT_MS = 5000;

/** A fresh, empty database for one test file, dropped (even with open connections) afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl(), name);
  const client = new Client({ connectionString: url });
  // A connection the server ends while idle (other suites share this PostgreSQL) fails the
  // next query of this file, not the whole run through an unhandled 'error' event.
  client.on('error', () => undefined);
  await client.connect();
  return {
    url,
    name,
    query: async <T>(sql: string, params?: unknown[]): Promise<T[]> =>
      (await client.query(sql, params)).rows as T[],
    drop: async (): Promise<void> => {
      await client.end().catch(() => undefined);
      const dropper = new Client({ connectionString: adminUrl() });
      await dropper.connect();
      // A connection the test's code is still closing (a pool client being discarded) would be
      // cut by FORCE and raise an unhandled 'error' in this process: let it close first.
      const deadline = Date.now() + DROP_WAIT_MS;
      while (Date.now() < deadline) {
        const { rows } = await dropper.query(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
