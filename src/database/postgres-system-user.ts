import { execFile, spawn } from 'node:child_process';

/** The account PostgreSQL runs as when we are root (it refuses to run as root itself). */
export interface PostgresSystemUser {
  name: string;
  uid: number;
  gid: number;
}

const SYSTEM_USER = 'postgres';

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Who runs initdb and postgres: nobody else when we are an ordinary user (undefined: our own
 * account), the `postgres` system user when we are root, created when the machine has none.
 */
export async function postgresSystemUser(): Promise<PostgresSystemUser | undefined> {
  if (!isRoot()) return undefined;
  const found = await lookUp(SYSTEM_USER);
  if (found) return found;
  try {
    await run('groupadd', ['--system', SYSTEM_USER]).catch(() => undefined);
    await run('useradd', ['--system', '--gid', SYSTEM_USER, '--no-create-home', SYSTEM_USER]);
  } catch (error) {
    throw new Error(
      `PostgreSQL does not run as root and there is no "${SYSTEM_USER}" user to run it as ` +
        `(useradd failed: ${String(error)}). Create one (useradd --system ${SYSTEM_USER}), start ` +
        'as an ordinary user, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  const created = await lookUp(SYSTEM_USER);
  if (!created) throw new Error(`useradd did not create the "${SYSTEM_USER}" user`);
  return created;
}

/** Whether `user` can reach (search) `dir` and every folder above it: asked of the kernel. */
export function canTraverse(user: PostgresSystemUser, dir: string): Promise<boolean> {
  return exitsZero('test', ['-x', dir], user);
}

/** Whether `user` can run the binary (its folders, its file, its shared libraries). */
export function canRun(user: PostgresSystemUser, binary: string): Promise<boolean> {
  return exitsZero(binary, ['--version'], user);
}

async function lookUp(name: string): Promise<PostgresSystemUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number(uid), gid: Number(gid) };
  } catch {
    return undefined;
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) =>
    execFile(command, args, (error, stdout, stderr) =>
      error ? reject(new Error(stderr.trim() || error.message)) : resolvePromise(stdout.trim()),
    ),
  );
}

/** Runs a probe as `user` from `/` (our own working folder may be closed to that user). */
function exitsZero(command: string, args: string[], user: PostgresSystemUser): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { uid: user.uid, gid: user.gid, cwd: '/', stdio: 'ignore' });
    child.once('error', () => resolvePromise(false));
    child.once('exit', (code) => resolvePromise(code === 0));
  });
}
