import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { BENCH_DATA, DIST_BENCH, REPO_ROOT } from '../support/paths';
import { REFERENCE_PATH } from './reference/reference-route';

const MAIN = join(REPO_ROOT, 'dist', 'src', 'main.js');

export const BENCH_ADMIN = { email: 'bench-admin@example.com', password: 'bench-admin-password' };

export interface BenchServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A free loopback port, known before the start (simpler than reading it from the log). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilLive(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  path = '/health/live',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}${path}`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not become live in time');
}

/**
 * Starts the compiled server (`dist/src/main.js`, as `npm start` does) on DATABASE_URL with the
 * schedule off, the production log level (one JSON line per request, written to
 * bench/.data/server.log as a log shipper's pipe would take it), and rate limits far above the
 * load so that the throttler does not shape the figures.
 */
export async function startServer(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<BenchServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    TZ: 'UTC',
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789abcdef',
    JWT_ACCESS_TTL_SECONDS: '7200',
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    RETRAIN_CRON: '',
    // Serving is measured, not tuning: trainings stay as long as in the figures before it.
    TUNING_BUDGET_SECONDS: process.env.BENCH_TUNING_BUDGET_SECONDS ?? '0',
    DEMO_DATA: 'false',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    RATE_LIMIT: '100000000',
    AUTH_RATE_LIMIT: '100000000',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '100000',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
    DB_POOL_SIZE: process.env.BENCH_DB_POOL_SIZE ?? '10',
    ...extraEnv,
  };
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  mkdirSync(BENCH_DATA, { recursive: true });
  const log = openSync(join(BENCH_DATA, 'server.log'), 'w');
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env,
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilLive(url, child, 60_000);
  return { url, process: child, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Starts a reference server of bench/serve/reference/ (`script`, compiled) in its own process,
 * with the same Node options as the app's server; it answers GET REFERENCE_PATH.
 */
export async function startReferenceServer(script: string, args: string[]): Promise<BenchServer> {
  const port = await freePort();
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...nodeArgs, join(DIST_BENCH, 'serve', 'reference', script), String(port), ...args],
    {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 2],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilLive(url, child, 30_000, REFERENCE_PATH);
  return { url, process: child, stop: () => stopChild(child) };
}
