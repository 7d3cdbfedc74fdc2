import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { ADMIN_DATABASE_URL } from '../serve/scratch-database';

/** Linux's clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat times. */
const TICKS_PER_SECOND = 100;
const SAMPLE_MS = 100;

/** User + system CPU seconds of a process so far, or null once it has exited. */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the third field.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * Samples, every 100 ms until stopped, the CPU time of every PostgreSQL backend connected to
 * `database` (parallel index-build workers included), read from /proc: the server's share of
 * a COPY or an import, which the client's own CPU time leaves out. Works when PostgreSQL runs
 * on this machine; the last 100 ms of a backend that exits between samples are missed.
 */
export async function watchServerCpu(database: string): Promise<() => Promise<number>> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  const seen = new Map<number, number>();
  let stopped = false;
  const sample = async (): Promise<void> => {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
    for (const { pid } of rows) {
      const seconds = cpuSeconds(pid);
      if (seconds !== null) seen.set(pid, Math.max(seen.get(pid) ?? 0, seconds));
    }
  };
  const loop = (async (): Promise<void> => {
    while (!stopped) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    await admin.end();
    return [...seen.values()].reduce((a, b) => a + b, 0);
  };
}
