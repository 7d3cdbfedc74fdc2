import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createSeededRandom, RandomSource } from '../../src/recommender/seeded-random';
import { describeLoad, describeMachine, loadAverage } from '../support/machine';
import { CpuSnapshot, cpuSpent, snapshotCpu } from '../support/process-cpu';
import { createDatabase, databaseUrl, dropDatabase } from '../serve/scratch-database';
import { BENCH_ADMIN, startServer } from '../serve/server-process';

/**
 * `npm run bench:feedback`: events per second through `POST /v1/apps/feedback`, end to end
 * (HTTP, JSON, validation, movie resolution, one transaction per batch) against the compiled
 * server on a scratch database. BATCHES batches of 1,000 seeded events (60 % ratings, 30 %
 * timed watches, 10 % dismissals, IMDb ids for a fifth of them) for USERS users over MOVIES
 * movies, CONCURRENCY requests in flight; the first WARM-UP batches make the users and are not
 * timed. Then the same batches again: the idempotent replay. Beside the rates, the CPU the app
 * process and its PostgreSQL backends spent per 1,000 events (from /proc), which moves far less
 * with the machine's other load than the rates do.
 */
const MOVIES = 5000;
const USERS = 20_000;
const BATCH = 1000;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 120);
const WARM_UP = 20;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

type Event = Record<string, unknown>;

function makeBatch(random: RandomSource): Event[] {
  return Array.from({ length: BATCH }, () => {
    const movie = 1 + Math.floor(random() * MOVIES);
    const event: Event = { userId: `bench-${Math.floor(random() * USERS)}` };
    if (random() < 0.2) event.imdbId = `tt${String(movie).padStart(7, '0')}`;
    else event.movieId = movie;
    const kind = random();
    const at = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 300 * 86400) * 1000);
    if (kind < 0.6) Object.assign(event, { rating: 0.5 + Math.floor(random() * 10) / 2, at });
    else if (kind < 0.9) Object.assign(event, { progress: random(), at });
    else event.dismissed = true;
    return event;
  });
}

async function seedCatalog(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO movies (id, title, imdb_id)
     SELECT n, 'Movie ' || n, 'tt' || lpad(n::text, 7, '0') FROM generate_series(1, $1) AS n`,
    [MOVIES],
  );
  await client.end();
}

async function post(url: string, key: string, events: Event[]): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/v1/apps/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ events }),
  });
  const body = (await response.json()) as { accepted?: number };
  if (response.status !== 200 || body.accepted !== events.length) {
    throw new Error(`batch failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return performance.now() - started;
}

/** Sends the batches CONCURRENCY at a time; the wall time and each batch's latency. */
async function run(
  url: string,
  key: string,
  batches: Event[][],
): Promise<{ seconds: number; ms: number[] }> {
  const ms: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) ms.push(await post(url, key, batches[next++]));
    }),
  );
  return { seconds: (performance.now() - started) / 1000, ms: ms.sort((a, b) => a - b) };
}

interface Measured {
  seconds: number;
  ms: number[];
  /** CPU seconds the app process and its PostgreSQL backends spent on the run. */
  cpu: { app: number; database: number };
}

/** `run`, with the CPU the server side spent on it. */
async function measured(
  server: { url: string; pid: number },
  databaseUrl: string,
  key: string,
  batches: Event[][],
): Promise<Measured> {
  const before: CpuSnapshot = await snapshotCpu(server.pid, databaseUrl);
  const result = await run(server.url, key, batches);
  return { ...result, cpu: cpuSpent(before, await snapshotCpu(server.pid, databaseUrl)) };
}

function row(what: string, batches: number, result: Measured): string {
  const at = (q: number): number =>
    result.ms[Math.min(result.ms.length - 1, Math.floor(q * result.ms.length))];
  const rate = Math.round((batches * BATCH) / result.seconds);
  const perThousand = (seconds: number): string => ((seconds * 1000) / batches).toFixed(0);
  return `| ${what} | ${batches} × ${BATCH} | ${CONCURRENCY} | ${rate.toLocaleString('en')} | ${at(0.5).toFixed(0)} | ${at(0.99).toFixed(0)} | ${perThousand(result.cpu.app)} | ${perThousand(result.cpu.database)} |`;
}

async function main(): Promise<void> {
  const name = `bench_feedback_${process.pid}`;
  await createDatabase(name);
  const url = databaseUrl(name);
  const server = await startServer(url);
  try {
    await seedCatalog(url);
    const login = await fetch(`${server.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BENCH_ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const created = await fetch(`${server.url}/v1/admin/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ name: 'bench', scopes: ['feedback:write'] }),
    });
    const { key } = (await created.json()) as { key: string };
    const random = createSeededRandom(16);
    const batches = Array.from({ length: BATCHES + WARM_UP }, () => makeBatch(random));
    await run(server.url, key, batches.slice(0, WARM_UP));
    const loadBefore = loadAverage();
    const app = { url: server.url, pid: server.process.pid! };
    const fresh = await measured(app, url, key, batches.slice(WARM_UP));
    const replay = await measured(app, url, key, batches.slice(WARM_UP));
    const loadAfter = loadAverage();
    process.stdout.write(
      [
        `${describeMachine()}; ${describeLoad(loadBefore, loadAfter)}`,
        `${MOVIES} movies, ${USERS} users (made by the ${WARM_UP} warm-up batches)`,
        '',
        '| what | events | in flight | events/s | p50 ms per batch | p99 ms per batch | app CPU ms per 1,000 | PostgreSQL CPU ms per 1,000 |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        row('new events', BATCHES, fresh),
        row('the same events again (idempotent replay)', BATCHES, replay),
        '',
      ].join('\n'),
    );
  } finally {
    await server.stop();
    await dropDatabase(name);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
