import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { ADMIN, TestApp, login, startTestApp, uniqueEmail } from './support/factories';
import { waitFor } from './support/wait-for';

const CHROMIUM = '/usr/bin/chromium';

/** Holds an exclusive lock on `table` from the test's own connection until released. */
async function lockTable(url: string, table: string): Promise<{ release(): Promise<void> }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return {
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

describe('operations', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      CORS_ORIGINS: 'https://app.example.com',
      AUTH_RATE_LIMIT: '5',
      REQUEST_TIMEOUT_MS: '2500',
    });
  }, 60000);

  afterAll(async () => app?.stop());

  it('returns a request id, reuses a valid incoming one, and logs it on the request line', async () => {
    const generated = await app.http.get('/v1/genres');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await app.http.get('/v1/movies/424242', {
      headers: { 'x-request-id': 'proxy-abc.123' },
    });
    expect(given.headers.get('x-request-id')).toBe('proxy-abc.123');
    const invalid = await app.http.get('/v1/genres', {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(invalid.headers.get('x-request-id')).not.toBe('bad id with spaces');
    const line = await waitFor(
      async () => app.server.logs.find((l) => l.includes('"proxy-abc.123"')),
      'the request line',
      20000,
    );
    expect(JSON.parse(line)).toMatchObject({
      requestId: 'proxy-abc.123',
      req: { method: 'GET', path: '/v1/movies/424242' },
      res: { statusCode: 404 },
      durationMs: expect.any(Number),
    });
  });

  it('never logs tokens, passwords or Authorization headers', async () => {
    const email = uniqueEmail('secret');
    const password = 'a-password-nobody-logs';
    await app.http.post('/v1/auth/register', { body: { email, password } });
    const user = await login(app.http, email, password);
    await app.http.get('/v1/users/me', { token: user.accessToken });
    await app.http.post('/v1/auth/login', { body: { email, password: 'wrong-password-x' } });
    // The server logs asynchronously: every line of these requests is in once the last one is.
    await waitFor(
      async () =>
        app.server.logs.find((l) => l.includes('/v1/auth/login') && l.includes('"statusCode":401')),
      'the failed login line',
      20000,
    );
    const logs = app.server.logs.join('\n');
    for (const secret of [password, 'wrong-password-x', user.accessToken, user.refreshToken]) {
      expect(logs).not.toContain(secret);
    }
    expect(logs.toLowerCase()).not.toContain('authorization');
  });

  it('exposes the Prometheus series', async () => {
    await app.http.get('/v1/movies/1');
    const { status, body, headers } = await app.http.get<string>('/metrics');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/text\/plain/);
    expect(body).toMatch(
      /http_requests_total\{method="GET",route="\/v1\/movies\/:id",status="404"\} \d+/,
    );
    expect(body).toMatch(
      /http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/v1\/movies\/:id"/,
    );
    for (const series of [
      'model_version',
      'model_age_seconds',
      'model_neighbours_per_item',
      'model_trainings_total',
      'model_training_duration_seconds',
      'db_pool_connections{state="total"}',
      'db_pool_connections{state="idle"}',
      'db_pool_connections{state="waiting"}',
      'process_resident_memory_bytes',
    ]) {
      expect(body).toContain(series);
    }
    expect(body).not.toMatch(/route="\/v1\/movies\/1"/);
    // The in-memory caches say what they hold: nothing of an unknown movie.
    expect(body).toMatch(/memory_cache_entries\{cache="catalog_movies"\} 0/);
    expect(body).toMatch(/memory_cache_entries\{cache="auth_sessions"\} \d+/);
  });

  it('sends helmet headers and allows only the configured CORS origins', async () => {
    const allowed = await app.http.get('/v1/genres', {
      headers: { origin: 'https://app.example.com' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(allowed.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(allowed.headers.get('x-powered-by')).toBeNull();
    const other = await app.http.get('/v1/genres', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('renders Swagger UI under the Content-Security-Policy', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium"`);
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (error) => problems.push(String(error)));
      await page.goto(`${app.server.url}/docs`);
      await page.waitForSelector('.opblock', { timeout: 15000 });
      expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 30000);

  it('throttles the auth routes per address with 429 and Retry-After', async () => {
    const headers = { 'x-forwarded-for': '192.0.2.77' };
    const statuses: number[] = [];
    for (let n = 0; n < 6; n++) {
      const body = { email: uniqueEmail('burst'), password: 'whatever-123' };
      const response = await app.http.post('/v1/auth/login', { body, headers });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(response.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await app.http.get('/v1/genres', { headers })).status).toBe(200);
  }, 30000);

  it('answers 503 when a request runs past REQUEST_TIMEOUT_MS', async () => {
    const lock = await lockTable(app.database.url, 'genres');
    try {
      const started = Date.now();
      const response = await app.http.get('/v1/genres');
      expect(response.status).toBe(503);
      expect(response.body.message).toMatch(/took longer than 2500 ms/);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await lock.release();
    }
  });
});

describe('graceful shutdown on SIGTERM', () => {
  it('finishes the in-flight request, refuses new ones, stops the schedule and exits 0', async () => {
    const app = await startTestApp({ RETRAIN_CRON: '0 3 * * *' });
    try {
      const lock = await lockTable(app.database.url, 'genres');
      const inFlight = app.http.get('/v1/genres');
      // The request is in flight once its query waits on the lock inside PostgreSQL.
      await waitFor(async () => {
        const [row] = await app.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return row.n > 0 ? true : undefined;
      }, 'the request to wait on the lock');
      const exited = app.server.stop('SIGTERM');
      await waitFor(
        async () => (app.server.logs.some((l) => l.includes('shutting down')) ? true : undefined),
        'shutdown',
        20000,
      );
      await expect(fetch(`${app.server.url}/health/live`)).rejects.toThrow();
      await lock.release();
      expect((await inFlight).status).toBe(200);
      expect(await exited).toBe(0);
      const logs = app.server.logs.join('\n');
      expect(logs).toMatch(/"job":"retrain".*"msg":"schedule stopped"/);
      expect(logs.indexOf('http drained')).toBeLessThan(logs.indexOf('schedule stopped'));
    } finally {
      await app.database.drop();
    }
  }, 60000);

  it('gives a running training SHUTDOWN_TIMEOUT_MS, then stops without marking it ready', async () => {
    const app = await startTestApp({ TRAINING_FAULT: 'worker-stall', SHUTDOWN_TIMEOUT_MS: '1000' });
    try {
      const admin = (await login(app.http, ADMIN.email, ADMIN.password)).accessToken;
      const started = await app.http.post('/v1/recommendations/model/retrain', { token: admin });
      expect(started.status).toBe(202);
      await waitFor(
        async () =>
          app.server.logs.some((l) => l.includes('training data loaded')) ? true : undefined,
        'the training',
        20000,
      );
      const stoppingAt = Date.now();
      expect(await app.server.stop('SIGTERM')).toBe(0);
      expect(Date.now() - stoppingAt).toBeLessThan(8000);
      expect(app.server.logs.join('\n')).toMatch(/training still running at shutdown/);
      const rows = await app.database.query<{ status: string }>(
        'SELECT status FROM model_versions',
      );
      expect(rows.map((r) => r.status)).toEqual(['training']);
      expect(await app.database.query('SELECT 1 FROM model_artifact_chunks')).toHaveLength(0);
    } finally {
      await app.database.drop();
    }
  }, 60000);
});
