import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

declare global {
  var embeddedPostgresForTests: ChildProcess | undefined;
}

/**
 * Chooses the PostgreSQL server the e2e tests create their throw-away databases on, and puts
 * its admin URL in TEST_ADMIN_DATABASE_URL:
 * - DATABASE_URL when set;
 * - otherwise the local server on 127.0.0.1:5432 when it answers (unless TEST_EMBEDDED=1);
 * - otherwise an embedded PostgreSQL in a temporary folder, stopped by the global teardown.
 */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(join(__dirname, '../../dist/src/main.js'))) {
    throw new Error('dist/ is missing: run the tests with `npm test`, which builds first');
  }
  if (process.env.DATABASE_URL) {
    process.env.TEST_ADMIN_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  if (process.env.TEST_EMBEDDED !== '1' && (await answers(LOCAL_SERVER))) {
    process.env.TEST_ADMIN_DATABASE_URL = LOCAL_SERVER;
    return;
  }
  process.env.TEST_ADMIN_DATABASE_URL = await startEmbedded();
  process.env.TEST_USING_EMBEDDED = '1';
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function startEmbedded(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'movie-recommender-test-pg-'));
  const port = String(55000 + (process.pid % 5000));
  const child = spawn(
    process.execPath,
    [join(__dirname, '../../dist/src/cli/embedded-postgres.js'), dataDir, port],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  globalThis.embeddedPostgresForTests = child;
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /READY (\S+)/.exec(chunk.toString());
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) =>
      reject(new Error(`embedded PostgreSQL exited (${code}): ${stderr}`)),
    );
  });
}
