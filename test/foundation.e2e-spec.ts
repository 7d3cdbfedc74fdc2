import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { MIGRATIONS } from '../migrations';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startServer, TestServer } from './support/test-server';
import { Http } from './support/http';

const MAIN = join(__dirname, '../dist/src/main.js');

describe('foundation on the test PostgreSQL server', () => {
  let database: TestDatabase;
  let server: TestServer;
  let http: Http;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer({ databaseUrl: database.url });
    http = new Http(server.url);
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('runs every migration at start-up', async () => {
    const tables = await database.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'api_keys',
        'dataset_loads',
        'dismissals',
        'genres',
        'login_throttle',
        'migrations',
        'model_artifact_chunks',
        'model_versions',
        'movie_genres',
        'movies',
        'ratings',
        'refresh_tokens',
        'tags',
        'users',
        'watch_history',
      ]),
    );
    // Every migration of MIGRATIONS ran, in order.
    const applied = await database.query<{ name: string }>(
      'SELECT name FROM migrations ORDER BY id',
    );
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('enforces the rating CHECK and the unique (user, movie) in the schema', async () => {
    const [user] = await database.query<{ id: number }>(
      `INSERT INTO users (email) VALUES ('schema@example.com') RETURNING id`,
    );
    const [movie] = await database.query<{ id: number }>(
      `INSERT INTO movies (title) VALUES ('Schema Test') RETURNING id`,
    );
    await expect(
      database.query(`INSERT INTO ratings (user_id, movie_id, rating) VALUES ($1, $2, 4.25)`, [
        user.id,
        movie.id,
      ]),
    ).rejects.toThrow(/ratings_rating_check/);
    await database.query(`INSERT INTO ratings (user_id, movie_id, rating) VALUES ($1, $2, 4.5)`, [
      user.id,
      movie.id,
    ]);
    await expect(
      database.query(`INSERT INTO ratings (user_id, movie_id, rating) VALUES ($1, $2, 3)`, [
        user.id,
        movie.id,
      ]),
    ).rejects.toThrow(/ratings_user_movie_key/);
    await expect(
      database.query(`INSERT INTO users (email) VALUES ('SCHEMA@example.com')`),
    ).rejects.toThrow(/users_email_lower_key/);
    await database.query(`DELETE FROM users WHERE id = $1`, [user.id]);
    const left = await database.query(`SELECT 1 FROM ratings WHERE user_id = $1`, [user.id]);
    expect(left).toHaveLength(0);
  });

  it('answers liveness and readiness', async () => {
    expect((await http.get('/health/live')).status).toBe(200);
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
  });

  it('serves the Swagger page and the OpenAPI document', async () => {
    expect((await http.get('/docs')).status).toBe(200);
    const document = await http.get('/docs-json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toMatch(/^3\./);
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const response = await http.get('/v1/no-such-route');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: expect.any(String),
    });
  });

  it('logs structured JSON lines', () => {
    const line = server.logs.find((l) => l.includes('"msg":"ready"'));
    expect(JSON.parse(line!)).toMatchObject({ level: 30, context: 'Bootstrap', msg: 'ready' });
  });
});

describe('configuration is validated at start-up', () => {
  function run(env: Record<string, string>): { status: number | null; stderr: string } {
    const result = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: 'postgres://127.0.0.1:1/none', ...env },
      encoding: 'utf8',
      timeout: 20000,
    });
    return { status: result.status, stderr: result.stderr };
  }

  it('stops on a bad value and names the variable', () => {
    const result = run({ PORT: 'eighty' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT/);
  });

  it('refuses a missing JWT_SECRET in production', () => {
    const result = run({ NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/JWT_SECRET: required in production/);
  });

  it('refuses a short JWT_SECRET without echoing it', () => {
    const result = run({ JWT_SECRET: 'hunter2-short' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/JWT_SECRET/);
    expect(result.stderr).not.toContain('hunter2-short');
  });
});

describe('embedded PostgreSQL (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'movie-recommender-e2e-embedded-'));
  const port = String(56000 + (process.pid % 4000));
  const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: port };

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function embeddedClient(): Promise<Client> {
    const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
    const client = new Client({
      connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/movies`,
    });
    await client.connect();
    return client;
  }

  it('starts, migrates, keeps its data across restarts and recovers from SIGKILL', async () => {
    let server = await startServer({ env, timeoutMs: 90000 });
    expect((await new Http(server.url).get('/health/ready')).status).toBe(200);
    let client = await embeddedClient();
    await client.query(`INSERT INTO genres (name) VALUES ('Embedded')`);
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM migrations`);
    expect(rows[0].n).toBe(MIGRATIONS.length);
    // The app connects as an ordinary role that owns its database and its tables.
    const sessions = await client.query(
      `SELECT DISTINCT usename, r.rolsuper FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
        WHERE a.datname = 'movies' AND a.pid <> pg_backend_pid()`,
    );
    expect(sessions.rows).toEqual([{ usename: 'movies_app', rolsuper: false }]);
    const owners = await client.query(
      `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`,
    );
    expect(owners.rows).toEqual([{ owner: 'movies_app' }]);
    // The generated passwords are readable by their owner only.
    for (const file of ['pg-password', 'pg-app-password']) {
      expect(statSync(join(dataDir, file)).mode & 0o077).toBe(0);
    }
    await client.end();
    expect(await server.stop()).toBe(0);

    // Killed without a chance to stop PostgreSQL: the next start takes over the orphan.
    server = await startServer({ env, timeoutMs: 90000 });
    expect(await server.stop('SIGKILL')).toBeNull();
    server = await startServer({ env, timeoutMs: 90000 });
    expect(server.logs.join('\n')).toMatch(/orphaned embedded PostgreSQL/);
    expect((await new Http(server.url).get('/health/ready')).status).toBe(200);
    client = await embeddedClient();
    const genres = await client.query(`SELECT name FROM genres`);
    expect(genres.rows.map((r) => r.name)).toContain('Embedded');
    await client.end();
    expect(await server.stop()).toBe(0);
  }, 240000);
});

describe('a failed start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'movie-recommender-e2e-failed-start-'));
  const holder = createServer();
  let port: number;

  beforeAll(async () => {
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    port = (holder.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => holder.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  function start(logLevel: string): { status: number | null; stderr: string } {
    const result = spawnSync(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(port),
        LOG_LEVEL: logLevel,
        DEMO_DATA: 'false',
      },
      encoding: 'utf8',
      timeout: 60000,
    });
    return { status: result.status, stderr: result.stderr };
  }

  it('says what went wrong and what to do in one line, with the stack only at LOG_LEVEL=debug', () => {
    const failed = start('info');
    expect(failed.status).toBe(1);
    expect(failed.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^Start-up failed: Embedded PostgreSQL start failed: .+ set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL\.$/,
      ),
    ]);

    const debug = start('debug');
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/^Start-up failed: Embedded PostgreSQL start failed/);
    expect(debug.stderr).toMatch(/\n {4}at /);
  }, 120000);
});
