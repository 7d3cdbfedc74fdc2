import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

const CLI = join(__dirname, '../dist/src/cli/embedded-postgres.js');
const isRoot = process.getuid?.() === 0;

interface RunningCluster {
  url: string;
  clusterDir: string;
  binariesDir: string;
  logs: string;
  stop(): Promise<void>;
}

/** `node dist/src/cli/embedded-postgres.js <dataDir> <port>` until it prints READY. */
function startCluster(dataDir: string, port: number): Promise<RunningCluster> {
  const child: ChildProcess = spawn(process.execPath, [CLI, dataDir, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  child.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`embedded PostgreSQL did not start in time:\n${logs}`));
    }, 90000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited (${code}):\n${logs}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      const url = /READY (\S+)/.exec(chunk.toString())?.[1];
      if (!url) return;
      clearTimeout(timer);
      const started = JSON.parse(/embedded PostgreSQL started (\{.*\})/.exec(logs)![1]);
      resolve({
        url,
        clusterDir: started.clusterDir,
        binariesDir: started.binaries,
        logs,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Asks the kernel, as the `postgres` user, whether it passes `test <flag> <path>`. */
function postgresUserPasses(flag: string, path: string): boolean {
  const postgres = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
  return spawnSync('test', [flag, path], { uid: postgres, cwd: '/' }).status === 0;
}

describe(
  isRoot
    ? 'embedded PostgreSQL in a private (mode 700) folder, as root: the postgres user gets folders it can reach'
    : 'embedded PostgreSQL in a private (mode 700) folder, as an ordinary user: the cluster lives in DATA_DIR',
  () => {
    const privateDir = mkdtempSync(join(tmpdir(), 'movie-recommender-e2e-private-'));
    const port = 50000 + (process.pid % 2000);
    const clusterHomes = new Set<string>();

    beforeAll(() => chmodSync(privateDir, 0o700));

    afterAll(() => {
      rmSync(privateDir, { recursive: true, force: true });
      // Clusters placed outside their DATA_DIR (as root) are not removed with it.
      for (const home of clusterHomes) rmSync(home, { recursive: true, force: true });
    });

    function remember(cluster: RunningCluster, dataDir: string): void {
      if (!cluster.clusterDir.startsWith(`${dataDir}/`))
        clusterHomes.add(dirname(cluster.clusterDir));
    }

    it('keeps each DATA_DIR its own cluster, and its data across restarts', async () => {
      const first = join(privateDir, 'first');
      const second = join(privateDir, 'second');
      let a = await startCluster(first, port);
      remember(a, first);
      await query(a.url, `CREATE TABLE kept (note text); INSERT INTO kept VALUES ('first')`);
      const b = await startCluster(second, port + 1);
      remember(b, second);
      expect(b.clusterDir).not.toBe(a.clusterDir);
      expect(await query(b.url, `SELECT to_regclass('kept') AS kept`)).toEqual([{ kept: null }]);
      await b.stop();
      await a.stop();

      a = await startCluster(first, port);
      expect(await query(a.url, `SELECT note FROM kept`)).toEqual([{ note: 'first' }]);
      if (isRoot) {
        // DATA_DIR is out of the postgres user's reach: the cluster is not in it, but in a
        // folder that user can enter, and so are the binaries it runs.
        expect(a.clusterDir.startsWith(privateDir)).toBe(false);
        expect(a.logs).toMatch(/embedded PostgreSQL cluster outside DATA_DIR/);
        expect(postgresUserPasses('-x', dirname(a.clusterDir))).toBe(true);
        expect(postgresUserPasses('-x', join(a.binariesDir, 'bin', 'postgres'))).toBe(true);
      } else {
        expect(a.clusterDir).toBe(join(first, 'pg'));
      }
      await a.stop();
    }, 240000);

    it('starts an empty cluster when DATA_DIR is deleted and made again at the same path', async () => {
      const dataDir = join(privateDir, 'remade');
      let cluster = await startCluster(dataDir, port + 2);
      remember(cluster, dataDir);
      await query(cluster.url, `CREATE TABLE old_data (n int)`);
      await cluster.stop();
      const before = cluster.clusterDir;

      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir);
      cluster = await startCluster(dataDir, port + 2);
      expect(cluster.clusterDir).toBe(before);
      expect(await query(cluster.url, `SELECT to_regclass('old_data') AS t`)).toEqual([
        { t: null },
      ]);
      if (isRoot) {
        // Its old cluster (outside DATA_DIR, so not deleted with it) is set aside, not destroyed.
        const aside = /"setAside":"([^"]+)"/.exec(cluster.logs)?.[1];
        expect(aside && existsSync(join(aside, 'PG_VERSION'))).toBe(true);
      }
      await cluster.stop();
      expect(readFileSync(join(dataDir, 'pg-password'), 'utf8')).toMatch(/^[0-9a-f]{48}\n$/);
    }, 240000);
  },
);
