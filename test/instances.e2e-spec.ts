import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { JWT_SECRET, STRONG_PASSWORD, uniqueEmail } from './support/factories';
import { Http } from './support/http';
import { seedTasteCatalog } from './support/taste-catalog';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startServer, TestServer } from './support/test-server';
import { waitFor } from './support/wait-for';

/** The schedule fires every TICK_SECONDS in both processes (six-field cron, seconds first). */
const TICK_SECONDS = 5;
const MIGRATE_CLI = join(__dirname, '../dist/src/cli/migrate.js');

/** True when Redis answers on 127.0.0.1:6379 (CI and the dev machines run one; .ci/run starts it). */
function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 6379 });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function migrate(databaseUrl: string): Promise<number | null> {
  const child = spawn(process.execPath, [MIGRATE_CLI], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
    stdio: 'ignore',
  });
  return new Promise((resolve) => child.once('exit', resolve));
}

describe('two server processes on one database', () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];
  let a: Http;
  let b: Http;
  let hasRedis = false;
  let bothUpAt = 0;

  beforeAll(async () => {
    hasRedis = await redisAnswers();
    database = await createTestDatabase();
    expect(await migrate(database.url)).toBe(0);
    await seedTasteCatalog(database, 60);
    const env = {
      JWT_SECRET,
      RETRAIN_CRON: `*/${TICK_SECONDS} * * * * *`,
      MODEL_POLL_SECONDS: '60',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '4',
      RATE_LIMIT: '200',
      ...(hasRedis ? { REDIS_URL: 'redis://127.0.0.1:6379' } : {}),
    };
    servers.push(
      ...(await Promise.all([0, 1].map(() => startServer({ databaseUrl: database.url, env })))),
    );
    bothUpAt = Date.now();
    [a, b] = servers.map((server) => new Http(server.url));
  }, 60000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  it('trains once per scheduled tick and both serve the new version within seconds', async () => {
    // Two ticks with both processes up, each run to its end.
    const rows = await waitFor(
      async () => {
        const found = await database.query<{ version: number; status: string; tick: number }>(
          `SELECT version, status, floor(extract(epoch FROM created_at) / $1)::int AS tick
           FROM model_versions ORDER BY version`,
          [TICK_SECONDS],
        );
        const afterBoth = found.filter((r) => r.tick * TICK_SECONDS * 1000 >= bothUpAt);
        return afterBoth.length >= 2 && found.every((r) => r.status !== 'training')
          ? found
          : undefined;
      },
      'two scheduled trainings',
      45000,
    );
    const ticks = rows.map((r) => r.tick);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(rows.every((r) => r.status === 'ready')).toBe(true);
    // At every tick one process trained and the other found the lock taken.
    const skipped = servers.flatMap((s) =>
      s.logs.filter((l) => l.includes('scheduled retraining skipped')),
    );
    expect(skipped.length).toBeGreaterThanOrEqual(2);
    const newest = rows[rows.length - 1].version;
    for (const http of [a, b]) {
      await waitFor(
        async () => {
          const { body } = await http.get('/v1/recommendations/model');
          return body.version >= newest ? true : undefined;
        },
        'the swap on both',
        5000,
      );
    }
  }, 60000);

  it('holds the per-account login limit across instances', async () => {
    const email = uniqueEmail('split');
    expect(
      (await a.post('/v1/auth/register', { body: { email, password: STRONG_PASSWORD } })).status,
    ).toBe(201);
    const attempt = (http: Http, password: string, n: number): Promise<number> =>
      http
        .post('/v1/auth/login', {
          body: { email, password },
          headers: { 'x-forwarded-for': `198.51.100.${10 + n}` },
        })
        .then((r) => r.status);
    const statuses: number[] = [];
    for (let n = 0; n < 4; n++)
      statuses.push(await attempt(n % 2 === 0 ? a : b, 'wrong-password', n));
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(await attempt(a, 'wrong-password', 4)).toBe(429);
    expect(await attempt(b, STRONG_PASSWORD, 5)).toBe(429);
  }, 30000);

  it('shares the request rate limit across instances through Redis', async () => {
    if (!hasRedis) {
      throw new Error(
        'Redis is not answering on 127.0.0.1:6379: install and start it ' +
          '("apt-get install -y redis-server && redis-server --daemonize yes"; .ci/run does)',
      );
    }
    const address = `203.0.113.${1 + (randomBytes(1)[0] % 250)}`;
    const get = (http: Http): Promise<number> =>
      http.get('/v1/genres', { headers: { 'x-forwarded-for': address } }).then((r) => r.status);
    const statuses: number[] = [];
    for (let n = 0; n < 120; n++) statuses.push(await get(a), await get(b));
    // 240 requests, 120 on each: under the limit of 200 for either process alone.
    expect(statuses.filter((s) => s === 200)).toHaveLength(200);
    expect(statuses.slice(200).every((s) => s === 429)).toBe(true);
  }, 30000);
});
