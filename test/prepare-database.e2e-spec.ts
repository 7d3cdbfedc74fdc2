import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from './support/test-database';

const CLI = join(__dirname, '../dist/src/cli');

function run(cli: string, env: Record<string, string>): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(CLI, cli)], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    encoding: 'utf8',
    timeout: 60000,
  });
}

function adminUrl(): string {
  return process.env.TEST_ADMIN_DATABASE_URL!;
}

/** `url` as `role` (with `password`) on `database`. */
function urlAs(url: string, role: string, password: string, database: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('prepare-database: the app on a role of its own where PostgreSQL gives a superuser', () => {
  const role = `app_${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let appUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    // As a deployment that ran the app as the superuser would have it.
    await database.query('CREATE TABLE made_earlier (id serial PRIMARY KEY)');
    appUrl = urlAs(adminUrl(), role, 'a p@ss/word', database.name);
  });

  afterAll(async () => {
    await database.drop();
    await adminQuery(`DROP ROLE IF EXISTS ${role}`);
  });

  it('makes the ordinary role, hands it the database and what the superuser made there, twice', async () => {
    for (let run_ = 0; run_ < 2; run_++) {
      const result = run('prepare-database.js', {
        ADMIN_DATABASE_URL: adminUrl(),
        DATABASE_URL: appUrl,
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(
        `database "${database.name}" is owned by the ordinary role "${role}"\n`,
      );
    }
    const [roleRow] = await adminQuery<Record<string, boolean>>(
      `SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin
         FROM pg_roles WHERE rolname = $1`,
      [role],
    );
    expect(roleRow).toEqual({
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
      rolcanlogin: true,
    });
    const [owner] = await adminQuery<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database.name],
    );
    expect(owner.owner).toBe(role);
    const owned = await database.query<{ relname: string; owner: string }>(
      `SELECT relname, pg_get_userbyid(relowner) AS owner FROM pg_class
        WHERE relname LIKE 'made_earlier%' ORDER BY relname`,
    );
    expect(owned).toEqual([
      { relname: 'made_earlier', owner: role },
      { relname: 'made_earlier_id_seq', owner: role },
      { relname: 'made_earlier_pkey', owner: role },
    ]);
  });

  it('lets that role build the whole schema: every migration, the trigram extension included', async () => {
    const migrated = run('migrate.js', { DATABASE_URL: appUrl, LOG_FORMAT: 'json' });
    expect(migrated.status).toBe(0);
    expect(migrated.stdout).toMatch(/^applied \d+ migration\(s\)/);
    const [{ tables, mine }] = await database.query<{ tables: number; mine: number }>(
      `SELECT count(*)::int AS tables,
              count(*) FILTER (WHERE pg_get_userbyid(c.relowner) = $1)::int AS mine
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r'`,
      [role],
    );
    expect(tables).toBeGreaterThan(10);
    expect(mine).toBe(tables);
  });

  it('says what to set when a URL is missing or names the superuser, and changes nothing', () => {
    const missing = run('prepare-database.js', { DATABASE_URL: appUrl });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/ADMIN_DATABASE_URL is unset: set it to a superuser/);
    const superuser = new URL(adminUrl());
    const asSuperuser = run('prepare-database.js', {
      ADMIN_DATABASE_URL: adminUrl(),
      DATABASE_URL: urlAs(adminUrl(), superuser.username, 'x', database.name),
    });
    expect(asSuperuser.status).toBe(1);
    expect(asSuperuser.stderr).toMatch(/names the superuser of ADMIN_DATABASE_URL/);
  });
});
