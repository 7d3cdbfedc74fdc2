import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PostgresBinaries } from './postgres-binaries';
import { PostgresSystemUser } from './postgres-system-user';

/** How initdb and postgres are run: which binaries, as whom, and where their output goes. */
export interface PostgresRunner {
  binaries: PostgresBinaries;
  /** Undefined: as ourselves. */
  user: PostgresSystemUser | undefined;
  onOutput(text: string): void;
}

const READY = 'database system is ready to accept connections';

/** Creates a cluster with a superuser `postgres` who logs in with `password` (SCRAM). */
export async function initCluster(
  runner: PostgresRunner,
  clusterDir: string,
  password: string,
): Promise<void> {
  // Beside the cluster, so the system user can read it; never world-readable.
  const passwordFile = join(
    dirname(clusterDir),
    `.initdb-password-${randomBytes(6).toString('hex')}`,
  );
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runner.user) await chown(passwordFile, runner.user.uid, runner.user.gid);
    const initdb = spawn(
      runner.binaries.initdb,
      [
        `--pgdata=${clusterDir}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--lc-messages=C',
        '--encoding=UTF8',
      ],
      spawnOptions(runner),
    );
    forwardOutput(initdb, runner);
    const code = await new Promise<number | null>((resolvePromise, reject) => {
      initdb.once('error', reject);
      initdb.once('close', resolvePromise);
    });
    if (code !== 0) throw new Error(`initdb exited with code ${code}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * Starts the postmaster and resolves once it accepts connections. It gets its own process group,
 * so a terminal's Ctrl-C reaches only us: we stop it last, after HTTP has drained.
 */
export function startPostmaster(
  runner: PostgresRunner,
  clusterDir: string,
  port: number,
): Promise<ChildProcess> {
  const postmaster = spawn(
    runner.binaries.postgres,
    [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ],
    { ...spawnOptions(runner), detached: true },
  );
  return new Promise((resolvePromise, reject) => {
    let recent = '';
    postmaster.stderr?.on('data', (chunk: Buffer) => {
      // The ready line may straddle two chunks.
      recent = (recent + chunk.toString()).slice(-2 * READY.length);
      if (recent.includes(READY)) resolvePromise(postmaster);
    });
    forwardOutput(postmaster, runner);
    postmaster.once('error', reject);
    postmaster.once('exit', (code, signal) =>
      reject(new Error(`postgres exited with ${signal ?? `code ${code}`} before it was ready`)),
    );
  });
}

/** Fast shutdown (SIGINT: roll back open transactions, checkpoint, exit). */
export async function stopPostmaster(postmaster: ChildProcess): Promise<void> {
  if (postmaster.exitCode !== null || postmaster.signalCode !== null) return;
  await new Promise<void>((resolvePromise) => {
    postmaster.once('exit', () => resolvePromise());
    postmaster.kill('SIGINT');
  });
}

function spawnOptions(runner: PostgresRunner): SpawnOptions {
  return {
    // From `/`: our own working folder may be closed to the system user.
    cwd: '/',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(runner.user ? { uid: runner.user.uid, gid: runner.user.gid } : {}),
  };
}

/** Reads both pipes for as long as the process lives: a full pipe would block PostgreSQL. */
function forwardOutput(child: ChildProcess, runner: PostgresRunner): void {
  child.stdout?.on('data', (chunk: Buffer) => runner.onOutput(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => runner.onOutput(chunk.toString()));
}
