import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { ADMIN, JWT_SECRET, login } from './support/factories';
import { Http } from './support/http';
import { seedTasteCatalog } from './support/taste-catalog';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startServer, TestServer } from './support/test-server';
import { waitFor } from './support/wait-for';

/*
 * Faults the service survives. Two more live elsewhere:
 * - a corrupt artifact is refused at load, logged, and the previous model serves:
 *   test/recommendations.e2e-spec.ts, "refuses a corrupt artifact and keeps serving the previous model";
 * - the embedded PostgreSQL's host process killed with SIGKILL, the next start recovers its data:
 *   test/foundation.e2e-spec.ts, "starts, migrates, keeps its data across restarts and recovers from SIGKILL".
 */

const TRAIN_CLI = join(__dirname, '../dist/src/cli/train.js');
/** Concurrent clients of the load test, and how many answers it checks with the database away. */
const LOAD_CLIENTS = 8;
const ANSWERS_DURING_CUT = 12;

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

/**
 * A route that reads the database on every request (a catalog page). Movie details come from the
 * in-memory catalog and may be answered through a short cut before the process notices it.
 */
const DB_ROUTE = '/v1/movies?limit=5';

describe('faults', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let server: TestServer;
  let http: Http;
  let admin: string;
  let servingVersion: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startTcpProxy(database.url);
    server = await startServer({
      databaseUrl: proxy.url,
      env: {
        JWT_SECRET,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        STATEMENT_TIMEOUT_MS: '1000',
        MODEL_POLL_SECONDS: '1',
        RATE_LIMIT: '100000',
      },
    });
    http = new Http(server.url);
    await seedTasteCatalog(database, 60);
    admin = (await login(http, ADMIN.email, ADMIN.password)).accessToken;
    const started = await http.post('/v1/recommendations/model/retrain?force=true', {
      token: admin,
    });
    servingVersion = started.body.version;
    await waitFor(async () => {
      const { body } = await http.get('/v1/recommendations/model');
      return body.version === servingVersion ? true : undefined;
    }, 'the first model');
  }, 120000);

  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    await database?.drop();
  });

  it('answers 503 fast while the database is away under load, and recovers by itself', async () => {
    let stop = false;
    const outcomes: { status: number; ms: number; retryAfter: string | null }[] = [];
    const load = Array.from({ length: LOAD_CLIENTS }, async () => {
      while (!stop) {
        const { value, ms } = await timed(() => http.get(DB_ROUTE));
        outcomes.push({ status: value.status, ms, retryAfter: value.headers.get('retry-after') });
      }
    });
    await waitFor(
      async () => (outcomes.length >= 2 * LOAD_CLIENTS ? true : undefined),
      'answers before the cut',
      10000,
    );
    proxy.cut();
    // Requests in flight at the cut (one per client) may end either way; every later one was
    // sent with the database away.
    const cutAt = outcomes.length;
    const awayFrom = cutAt + LOAD_CLIENTS;
    await waitFor(
      async () => ((await http.get('/health/ready')).status === 503 ? true : undefined),
      'readiness 503',
      5000,
    );
    await waitFor(
      async () => (outcomes.length >= awayFrom + ANSWERS_DURING_CUT ? true : undefined),
      `${ANSWERS_DURING_CUT} answers with the database away`,
      20000,
    );
    expect((await http.get('/health/live')).status).toBe(200);
    const duringCut = outcomes.slice(awayFrom, awayFrom + ANSWERS_DURING_CUT);
    proxy.restore();
    await waitFor(
      async () => ((await http.get('/health/ready')).status === 200 ? true : undefined),
      'readiness 200',
      20000,
    );
    await waitFor(
      async () => ((await http.get(DB_ROUTE)).status === 200 ? true : undefined),
      'movies 200',
      10000,
    );
    stop = true;
    await Promise.all(load);

    expect(outcomes.slice(0, cutAt).map((o) => o.status)).toEqual(
      outcomes.slice(0, cutAt).map(() => 200),
    );
    expect(duringCut).toHaveLength(ANSWERS_DURING_CUT);
    for (const outcome of duringCut) {
      expect(outcome).toMatchObject({ status: 503, retryAfter: '5' });
      expect(outcome.ms).toBeLessThan(2000);
    }
    const failed = await http.get(DB_ROUTE);
    expect(failed.status).toBe(200);
    expect((await http.get('/v1/recommendations/model')).body.version).toBe(servingVersion);
  }, 60000);

  it('cuts a query stuck on a lock with the statement timeout: 503, and the pool recovers', async () => {
    const locker = new Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE movies IN ACCESS EXCLUSIVE MODE');
      const { value, ms } = await timed(() => http.get(DB_ROUTE));
      expect(value.status).toBe(503);
      expect(value.body).toMatchObject({
        message: expect.stringMatching(/did not answer in time/),
      });
      expect(value.headers.get('retry-after')).toBe('5');
      expect(ms).toBeLessThan(3000);
      // The app's query was cancelled, not left waiting on the lock with its connection.
      const { rows } = await locker.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect((await http.get(DB_ROUTE)).status).toBe(200);
    const metrics = (await http.get('/metrics')).body as string;
    expect(metrics).toMatch(/db_pool_connections\{state="waiting"\} 0/);
  });

  it('keeps the serving model when a training fails half-way in its worker', async () => {
    const faulty = await startServer({
      databaseUrl: database.url,
      env: { JWT_SECRET, TRAINING_FAULT: 'worker-error', MODEL_POLL_SECONDS: '1' },
    });
    try {
      const faultyHttp = new Http(faulty.url);
      const token = (await login(faultyHttp, ADMIN.email, ADMIN.password)).accessToken;
      const started = await faultyHttp.post('/v1/recommendations/model/retrain?force=true', {
        token,
      });
      expect(started.status).toBe(202);
      const version = started.body.version as number;
      await waitFor(async () => {
        const [row] = await database.query<{ status: string }>(
          'SELECT status FROM model_versions WHERE version = $1',
          [version],
        );
        return row.status !== 'training' ? row.status : undefined;
      }, 'the training to end');
      await expectNothingStoredFor(version, 'failed');
      expect((await faultyHttp.get('/v1/recommendations/model')).body.version).toBe(servingVersion);
      expect((await http.get('/v1/recommendations/model')).body.version).toBe(servingVersion);
      expect((await faultyHttp.get('/metrics')).body).toMatch(
        /model_trainings_total\{status="failed"\} 1/,
      );
    } finally {
      await faulty.stop();
    }
  }, 60000);

  it('keeps the serving model when the training process is killed mid-way; the next training cleans up', async () => {
    const version = await killTrainingMidway();
    expect((await http.get('/v1/recommendations/model')).body.version).toBe(servingVersion);

    const next = spawnTrain({});
    const code = await new Promise((resolve) => next.child.once('exit', resolve));
    expect(code).toBe(0);
    const [abandoned] = await database.query<{ status: string; error: string }>(
      'SELECT status, error FROM model_versions WHERE version = $1',
      [version],
    );
    expect(abandoned).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/abandoned/),
    });
    await waitFor(async () => {
      const { body } = await http.get('/v1/recommendations/model');
      return body.version > version ? true : undefined;
    }, 'the next version to serve');
  }, 90000);

  it('marks a killed training failed as soon as a server starts, with no training anywhere', async () => {
    const version = await killTrainingMidway();
    // A server starting while no training holds the lock marks the row before it is ready, so
    // the versions list never shows a dead training as running.
    const restarted = await startServer({
      databaseUrl: database.url,
      env: { JWT_SECRET, MODEL_POLL_SECONDS: '1' },
    });
    try {
      const [row] = await database.query<{ status: string; error: string }>(
        'SELECT status, error FROM model_versions WHERE version = $1',
        [version],
      );
      expect(row).toMatchObject({ status: 'failed', error: expect.stringMatching(/abandoned/) });
      const versions = await new Http(restarted.url).get('/v1/recommendations/model/versions', {
        token: admin,
      });
      expect(
        versions.body.items.find((v: { version: number }) => v.version === version),
      ).toMatchObject({
        status: 'failed',
      });
    } finally {
      await restarted.stop();
    }
  }, 90000);

  /** Starts `npm run train`, kills it once it is under way; answers its version, left `training`. */
  async function killTrainingMidway(): Promise<number> {
    const { child, lines } = spawnTrain({ TRAINING_FAULT: 'worker-stall' });
    await waitFor(
      async () => (lines.some((l) => l.includes('training data loaded')) ? true : undefined),
      'the training to be under way',
    );
    const [{ version }] = await database.query<{ version: number }>(
      `SELECT max(version)::int AS version FROM model_versions`,
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await expectNothingStoredFor(version, 'training');
    return version;
  }

  async function expectNothingStoredFor(version: number, status: string): Promise<void> {
    const [row] = await database.query<{ status: string }>(
      'SELECT status FROM model_versions WHERE version = $1',
      [version],
    );
    expect(row.status).toBe(status);
    const artifacts = await database.query(
      'SELECT 1 FROM model_artifact_chunks WHERE version = $1',
      [version],
    );
    expect(artifacts).toHaveLength(0);
  }

  function spawnTrain(env: Record<string, string>): { child: ChildProcess; lines: string[] } {
    const child = spawn(process.execPath, [TRAIN_CLI], {
      env: {
        PATH: process.env.PATH ?? '',
        TZ: 'UTC',
        NODE_ENV: 'test',
        DATABASE_URL: database.url,
        JWT_SECRET,
        TUNING_BUDGET_SECONDS: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const collect = (chunk: Buffer): void => {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    return { child, lines };
  }
});
