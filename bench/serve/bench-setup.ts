import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Pool } from 'pg';
import { runChild } from '../support/child';
import { DIST_BENCH, REPO_ROOT } from '../support/paths';
import { BenchSize, sizePaths } from '../train/bench-sizes';
import { existsSync } from 'node:fs';
import { BenchFixtures, createBenchUsers, loadCatalogFixtures, login } from './bench-fixtures';
import { createDatabase, databaseExists, databaseUrl, dropDatabase } from './scratch-database';
import { BENCH_ADMIN, BenchServer, startServer } from './server-process';

/** A server on a database holding a generated data set, bench users and a trained model. */
export interface ServeSetup {
  server: BenchServer;
  /** The scratch database, for a second server on it. */
  databaseUrl: string;
  pool: Pool;
  fixtures: BenchFixtures;
  adminToken: string;
  /** Seconds the first training took, from the admin call to the model being served. */
  firstTrainingSeconds: number | null;
  /** The served model's algorithm (the default picks it by catalog size). */
  algorithm: string | null;
  close(): Promise<void>;
}

export interface SetupOptions {
  size: BenchSize;
  users: number;
  /** Reuse (and keep) the database `bench_serve_<size>` instead of a fresh one dropped at the end. */
  keepDatabase: boolean;
}

function runNode(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 2, 2] });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`)),
    );
  });
}

async function importSize(size: BenchSize, url: string): Promise<void> {
  const paths = sizePaths(size);
  if (!existsSync(paths.movielens)) {
    await runChild(join(DIST_BENCH, 'train', 'prepare-dataset.js'), [size], {
      label: `prepare ${size}`,
    });
  }
  process.stderr.write(`importing ${paths.movielens}\n`);
  await runNode(join(REPO_ROOT, 'dist', 'src', 'cli', 'import-movielens.js'), [paths.movielens], {
    ...process.env,
    DATABASE_URL: url,
  });
}

interface ModelInfo {
  version: number | null;
  algorithm: string | null;
  lastTraining: { version: number; status: string; error: string | null } | null;
}

export async function modelInfo(url: string): Promise<ModelInfo> {
  return (await (await fetch(`${url}/v1/recommendations/model`)).json()) as ModelInfo;
}

/** Starts a forced retrain through the admin route; resolves with its version number. */
export async function startRetrain(url: string, adminToken: string): Promise<number> {
  const response = await fetch(`${url}/v1/recommendations/model/retrain?force=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (response.status !== 202)
    throw new Error(`retrain: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { version: number }).version;
}

/** Polls until `version` is the serving one (or its training failed). */
export async function waitUntilServed(
  url: string,
  version: number,
  timeoutMs = 600_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const info = await modelInfo(url);
    if (info.version === version) return;
    const last = info.lastTraining;
    if (last?.version === version && (last.status === 'failed' || last.status === 'rejected')) {
      throw new Error(`training ${version} ${last.status}: ${last.error ?? ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`version ${version} was not served in time`);
}

async function tokensOf(url: string, pool: Pool, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM users WHERE email LIKE 'bench-%@example.com' AND role = 'user'`,
  );
  if (Number(rows[0].n) === 0) return createBenchUsers(url, pool, count);
  const tokens: string[] = [];
  for (let i = 0; i < Math.min(count, Number(rows[0].n)); i++) {
    tokens.push(await login(url, `bench-${i}@example.com`, 'bench-user-password'));
  }
  return tokens;
}

/**
 * Leaves PostgreSQL nothing of its own to do before the rows are measured: a fresh import of M
 * leaves a million new rows for autovacuum and dirty pages for the checkpointer, which ran into
 * the first rows otherwise (one run measured the trending route at 504 µs of server CPU per
 * request right after the import, another at 275 µs on the same database hours later).
 */
async function settle(pool: Pool): Promise<void> {
  await pool.query('VACUUM (ANALYZE)');
  await pool.query('CHECKPOINT');
}

/**
 * Builds everything bench:serve and bench:swap load against: a scratch database with the
 * generated set of `size` imported by `import:movielens`, the compiled server on it, `users` registered users with
 * copied histories, and a trained model (a forced retrain through the admin route).
 */
export async function setUpServe(options: SetupOptions): Promise<ServeSetup> {
  const name = options.keepDatabase
    ? `bench_serve_${options.size.toLowerCase()}`
    : `bench_serve_${process.pid}`;
  const url = databaseUrl(name);
  const reuse = options.keepDatabase && (await databaseExists(name));
  if (!reuse) {
    await dropDatabase(name);
    await createDatabase(name);
    await importSize(options.size, url);
  }
  const server = await startServer(url);
  const pool = new Pool({ connectionString: url, max: 2 });
  const close = async (): Promise<void> => {
    await server.stop();
    await pool.end();
    if (!options.keepDatabase) await dropDatabase(name);
  };
  try {
    const tokens = await tokensOf(server.url, pool, options.users);
    const adminToken = await login(server.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
    let firstTrainingSeconds: number | null = null;
    if ((await modelInfo(server.url)).version === null) {
      const started = Date.now();
      await waitUntilServed(server.url, await startRetrain(server.url, adminToken));
      firstTrainingSeconds = (Date.now() - started) / 1000;
    }
    const fixtures = { tokens, ...(await loadCatalogFixtures(pool)) };
    await settle(pool);
    const { algorithm } = await modelInfo(server.url);
    return {
      server,
      databaseUrl: url,
      pool,
      fixtures,
      adminToken,
      firstTrainingSeconds,
      algorithm,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
