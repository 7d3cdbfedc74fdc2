import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createMovie, loginAdmin, quickUsers, TEST_APP_ENV } from './support/factories';
import { Http } from './support/http';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startServer, TestServer } from './support/test-server';
import { waitFor } from './support/wait-for';

/**
 * Read replicas against a real hot standby: scripts/standby.sh keeps a second PostgreSQL cluster
 * on 127.0.0.1:5433 streaming from the tests' server on 127.0.0.1:5432. Each test makes its own
 * database on the primary, which reaches the standby by replication, and its own server with
 * DATABASE_REPLICA_URLS naming that database on the standby. What reached the standby is read
 * from the standby's own counters (pg_stat_user_tables), what the server decided from /metrics
 * and /health/ready.
 */
const STANDBY_SCRIPT = join(__dirname, '../scripts/standby.sh');
const PRIMARY_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const STANDBY_ADMIN_URL = 'postgres://postgres@127.0.0.1:5433/postgres';
/** Tables only the routed reads touch on the standby: the users' own data. */
const USER_TABLES = ['ratings', 'watch_history', 'dismissals'];
/** Standby statistics reach pg_stat_* within PostgreSQL's idle flush interval (10 s). */
const STATS_DEADLINE_MS = 30_000;

const run = promisify(execFile);

/** Runs scripts/standby.sh; fails the test with the script's own words when it cannot. */
async function standby(command: 'start' | 'stop'): Promise<void> {
  try {
    await run(STANDBY_SCRIPT, [command], { timeout: 240_000 });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`scripts/standby.sh ${command} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function standbyUrl(database: string): string {
  return `postgres://postgres@127.0.0.1:5433/${database}`;
}

/** Scans (sequential and index) of the users' tables in one database of one server. */
function tableScans(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0)::int AS n
         FROM pg_stat_user_tables WHERE relname = ANY($1)`,
      [USER_TABLES],
    );
    return rows[0].n;
  });
}

/** Runs `work` with WAL replay paused on the standby: it falls behind whatever is written. */
async function withReplayPaused<T>(work: () => Promise<T>): Promise<T> {
  await setReplayPaused(true);
  try {
    return await work();
  } finally {
    await setReplayPaused(false);
  }
}

/** Pauses or resumes WAL replay on the standby, and waits until it has. */
async function setReplayPaused(paused: boolean): Promise<void> {
  await withClient(STANDBY_ADMIN_URL, async (client) => {
    await client.query(paused ? 'SELECT pg_wal_replay_pause()' : 'SELECT pg_wal_replay_resume()');
    await waitFor(
      async () => {
        const { rows } = await client.query<{ state: string }>(
          'SELECT pg_get_wal_replay_pause_state() AS state',
        );
        return (rows[0].state === 'paused') === paused ? true : undefined;
      },
      `replay ${paused ? 'paused' : 'resumed'} on the standby`,
      10_000,
    );
  });
}

interface ReplicaHealth {
  status: string;
  inUse: number;
  replicas: { name: string; state: string; lagMs: number | null; reason?: string }[];
}

async function replicaHealth(http: Http): Promise<ReplicaHealth> {
  const response = await http.get('/health/ready');
  expect(response.status).toBe(200);
  return response.body.details.replicas as ReplicaHealth;
}

function waitForReplicaState(http: Http, state: string, deadlineMs = 30_000): Promise<true> {
  return waitFor(
    async () => ((await replicaHealth(http)).replicas[0].state === state ? true : undefined),
    `the replica to be ${state} in /health/ready`,
    deadlineMs,
  );
}

/** One value of a Prometheus series in /metrics, 0 when absent. */
async function metric(http: Http, series: string): Promise<number> {
  const text = (await http.get<string>('/metrics')).body;
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const READS_ON_REPLICA = 'db_routed_reads_total{target="replica",reason="replica_in_use"}';

function replicaInUse(state: string): string {
  return `db_replica_in_use{replica="127.0.0.1:5433",state="${state}"}`;
}

interface ReplicaApp {
  database: TestDatabase;
  server: TestServer;
  http: Http;
  adminToken: string;
  movieIds: number[];
  stop(): Promise<void>;
}

/**
 * A database on the primary with three movies, a server reading from its copy on the standby,
 * and the replica in use.
 */
async function startReplicaApp(maxLagMs: number): Promise<ReplicaApp> {
  const database = await createTestDatabase();
  const server = await startServer({
    databaseUrl: database.url,
    env: {
      ...TEST_APP_ENV,
      DATABASE_REPLICA_URLS: standbyUrl(database.name),
      REPLICA_MAX_LAG_MS: String(maxLagMs),
    },
  });
  const http = new Http(server.url);
  const adminToken = (await loginAdmin(http)).accessToken;
  const movieIds: number[] = [];
  for (const title of ['Replica One', 'Replica Two', 'Replica Three']) {
    movieIds.push((await createMovie(http, adminToken, { title, genres: ['Drama'] })).id);
  }
  await waitForReplicaState(http, 'in_use');
  return {
    database,
    server,
    http,
    adminToken,
    movieIds,
    stop: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

/** Runs `work` with a fresh startReplicaApp, stopped afterwards whatever happens. */
async function withReplicaApp(
  maxLagMs: number,
  work: (app: ReplicaApp) => Promise<void>,
): Promise<void> {
  const app = await startReplicaApp(maxLagMs);
  try {
    await work(app);
  } finally {
    await app.stop();
  }
}

/** Waits until the standby has counted `scans` more scans of the users' tables than `from`. */
function waitForStandbyScans(
  app: ReplicaApp,
  from: number,
  scans: number,
  what: string,
): Promise<number> {
  return waitFor(
    async () => {
      const grown = (await tableScans(standbyUrl(app.database.name))) - from;
      return grown >= scans ? grown : undefined;
    },
    `${scans} scans of the users' tables on the standby (${what})`,
    STATS_DEADLINE_MS,
    500,
  );
}

/** Rows made in SQL on the primary (no write through the server, so no read-your-writes window). */
async function seedFeedback(app: ReplicaApp, userId: number): Promise<void> {
  await app.database.query(
    `INSERT INTO ratings (user_id, movie_id, rating, rated_at)
     SELECT $1, m, 4, now() FROM unnest($2::int[]) AS m`,
    [userId, app.movieIds.slice(0, 2)],
  );
  await app.database.query(
    `INSERT INTO watch_history (user_id, movie_id, watched_at, progress) VALUES ($1, $2, now(), 1)`,
    [userId, app.movieIds[2]],
  );
}

/** Waits until the standby has replayed the user's seeded ratings. */
function waitForReplayOf(app: ReplicaApp, userId: number, ratings: number): Promise<true> {
  return waitFor(
    () =>
      withClient(standbyUrl(app.database.name), async (client) => {
        const { rows } = await client.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM ratings WHERE user_id = $1',
          [userId],
        );
        return rows[0].n === ratings ? true : undefined;
      }),
    `the standby to replay user ${userId}'s ratings`,
    30_000,
  );
}

/** A user's three list reads: ratings (2 scans), history (1), recommendations (3: one a table). */
async function readLists(http: Http, token: string): Promise<number[]> {
  const responses = await Promise.all([
    http.get('/v1/users/me/ratings', { token }),
    http.get('/v1/users/me/history', { token }),
    http.get('/v1/users/me/recommendations?limit=5', { token }),
  ]);
  return responses.map((response) => response.status);
}

describe('read replicas on a hot standby', () => {
  beforeAll(async () => {
    const admin = process.env.TEST_ADMIN_DATABASE_URL;
    if (admin !== PRIMARY_ADMIN_URL) {
      throw new Error(
        `the replica tests need the local PostgreSQL at ${PRIMARY_ADMIN_URL} (Debian's ` +
          `postgresql-15 with pg_createcluster, as .ci/run has it) to stream to a standby; ` +
          `the tests run on ${admin ?? 'nothing'}`,
      );
    }
    await standby('start');
  }, 300_000);

  afterAll(async () => {
    // Whatever a test did, the standby is left streaming with replay running.
    await standby('start');
  }, 300_000);

  it('sends a burst of list and recommendation reads to the standby', async () => {
    await withReplicaApp(5000, async (app) => {
      const [user] = await quickUsers(app.database, 1);
      await seedFeedback(app, user.id);
      await waitForReplayOf(app, user.id, 2);
      // A first read brings the catalog's movies into memory (their fills are not counted).
      expect(await readLists(app.http, user.token)).toEqual([200, 200, 200]);
      const onStandby = await tableScans(standbyUrl(app.database.name));
      const onPrimary = await tableScans(app.database.url);
      const routed = await metric(app.http, READS_ON_REPLICA);

      const bursts = 20;
      for (let i = 0; i < bursts; i++) {
        expect(await readLists(app.http, user.token)).toEqual([200, 200, 200]);
      }

      // Each burst scans the users' tables 6 times: the ratings list (page and count), the
      // history page, and the feedback read's three tables.
      const expected = bursts * 6;
      await waitForStandbyScans(app, onStandby, expected, 'the burst');
      expect((await tableScans(app.database.url)) - onPrimary).toBeLessThan(expected / 2);
      // The server counted them too: the two lists and the feedback read of each burst (and
      // any catalog fill whose cached movies expired meanwhile).
      expect((await metric(app.http, READS_ON_REPLICA)) - routed).toBeGreaterThanOrEqual(
        bursts * 3,
      );
    });
  }, 120_000);

  it("shows a user's own rating in their next reads while the standby lags behind it", async () => {
    // A lag limit far above the test's length: the paused standby stays in use throughout.
    await withReplicaApp(60_000, async (app) => {
      const [writer, reader] = await quickUsers(app.database, 2);
      await seedFeedback(app, reader.id);
      await waitForReplayOf(app, reader.id, 2);
      const [rated] = app.movieIds;
      const recommended = async (): Promise<number[]> => {
        const response = await app.http.get('/v1/users/me/recommendations?limit=10', {
          token: writer.token,
        });
        expect(response.status).toBe(200);
        return response.body.items.map((item: { movie: { id: number } }) => item.movie.id);
      };
      expect(await recommended()).toContain(rated);

      await withReplayPaused(async () => {
        const put = await app.http.put(`/v1/users/me/ratings/${rated}`, {
          token: writer.token,
          body: { rating: 5 },
        });
        expect(put.status).toBe(200);
        const ratings = await app.http.get('/v1/users/me/ratings', { token: writer.token });
        expect(ratings.status).toBe(200);
        expect(ratings.body.total).toBe(1);
        expect(ratings.body.items[0]).toMatchObject({ movie: { id: rated }, rating: 5 });
        // A rated movie is not recommended again: the feedback read saw the rating too.
        expect(await recommended()).not.toContain(rated);

        // The standby has not replayed the rating, and is still the replica in use: the reads
        // above went to the primary because of the write, not because the replica was skipped.
        const onStandby = await withClient(standbyUrl(app.database.name), (client) =>
          client.query('SELECT 1 FROM ratings WHERE user_id = $1', [writer.id]),
        );
        expect(onStandby.rowCount).toBe(0);
        expect((await replicaHealth(app.http)).replicas[0].state).toBe('in_use');

        // A new movie shows at once too (catalog fills go to the primary after the notice).
        const created = await createMovie(app.http, app.adminToken, { title: 'Made While Paused' });
        const fetched = await app.http.get(`/v1/movies/${created.id}`);
        expect(fetched.status).toBe(200);
        expect(fetched.body.title).toBe('Made While Paused');

        // Another user, who wrote nothing, still reads from the standby.
        const scans = await tableScans(standbyUrl(app.database.name));
        const routed = await metric(app.http, READS_ON_REPLICA);
        const list = await app.http.get('/v1/users/me/ratings', { token: reader.token });
        expect(list.body.total).toBe(2);
        expect((await metric(app.http, READS_ON_REPLICA)) - routed).toBe(1);
        await waitForStandbyScans(app, scans, 2, "the other user's ratings list");
      });
    });
  }, 120_000);

  it('skips a standby lagging past REPLICA_MAX_LAG_MS and uses it again once it catches up', async () => {
    await withReplicaApp(1000, async (app) => {
      const [user] = await quickUsers(app.database, 1);
      await withReplayPaused(async () => {
        // A write on the primary that the paused standby cannot replay: it falls behind.
        await seedFeedback(app, user.id);
        await waitForReplicaState(app.http, 'lagging');
        const health = await replicaHealth(app.http);
        expect(health.inUse).toBe(0);
        expect(health.replicas[0].lagMs).toBeGreaterThan(1000);
        expect((await app.http.get('/health/ready')).body.status).toBe('degraded');
        expect(await metric(app.http, replicaInUse('lagging'))).toBe(0);
        // Reads go to the primary meanwhile, and see what the standby has not replayed.
        const ratings = await app.http.get('/v1/users/me/ratings', { token: user.token });
        expect(ratings.status).toBe(200);
        expect(ratings.body.total).toBe(2);
      });
      await waitForReplicaState(app.http, 'in_use');
      expect((await app.http.get('/health/ready')).body.status).toBe('ok');
      expect(await metric(app.http, replicaInUse('in_use'))).toBe(1);
    });
  }, 120_000);

  it('never reads from a replica URL that is not a standby of the primary database', async () => {
    const database = await createTestDatabase();
    const server = await startServer({
      databaseUrl: database.url,
      env: {
        ...TEST_APP_ENV,
        // The primary itself, and the standby's copy of another database.
        DATABASE_REPLICA_URLS: `${database.url},${standbyUrl('postgres')}`,
      },
    });
    try {
      const http = new Http(server.url);
      const health = await waitFor(
        async () => {
          const replicas = await replicaHealth(http);
          return replicas.replicas.every((replica) => replica.state === 'not_standby')
            ? replicas
            : undefined;
        },
        'both replicas refused',
        30_000,
      );
      expect(health.inUse).toBe(0);
      expect(health.replicas.map((replica) => replica.reason)).toEqual([
        'not in recovery',
        `names database postgres, not the primary's ${database.name}`,
      ]);
      const [user] = await quickUsers(database, 1);
      const ratings = await http.get('/v1/users/me/ratings', { token: user.token });
      expect(ratings.status).toBe(200);
      expect(await metric(http, READS_ON_REPLICA)).toBe(0);
    } finally {
      await server.stop();
      await database.drop();
    }
  }, 120_000);

  it('answers every read while the standby stops, and reads from it again once it is back', async () => {
    await withReplicaApp(5000, async (app) => {
      const [user] = await quickUsers(app.database, 1);
      await seedFeedback(app, user.id);
      await waitForReplayOf(app, user.id, 2);

      // Reads run back to back while the standby stops; every one must be answered 200.
      const statuses: number[] = [];
      let reading = true;
      const reader = (async () => {
        for (let i = 0; reading && i < 5000; i++) {
          statuses.push(...(await readLists(app.http, user.token)));
        }
      })();
      try {
        await standby('stop');
        await waitForReplicaState(app.http, 'down', 10_000);
        const countAtDown = statuses.length;
        await waitFor(
          async () => (statuses.length >= countAtDown + 30 ? true : undefined),
          'reads after the standby stopped',
          30_000,
        );
      } finally {
        reading = false;
        await reader;
      }
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      expect(await metric(app.http, replicaInUse('down'))).toBe(0);

      await standby('start');
      await waitForReplicaState(app.http, 'in_use');
      const scans = await tableScans(standbyUrl(app.database.name));
      for (let i = 0; i < 5; i++) {
        expect(await readLists(app.http, user.token)).toEqual([200, 200, 200]);
      }
      await waitForStandbyScans(app, scans, 5 * 6, 'reads on the restarted standby');
    });
  }, 300_000);
});
