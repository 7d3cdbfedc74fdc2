import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/**
 * CPU time spent by processes, read from /proc (Linux). On a shared 2-core machine, events per
 * second move with whatever else runs; the CPU a fixed piece of work costs moves far less, so
 * the benchmarks report both.
 */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** User + system CPU seconds of `pid` so far; 0 for a process that is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The server processes (PostgreSQL backends) serving connections to the database of `url`. */
export async function backendPids(url: string): Promise<number[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

/** CPU seconds of the app process and of its database backends, at one moment. */
export interface CpuSnapshot {
  app: number;
  database: Map<number, number>;
}

/** `url` unset: a process with no database (its database CPU reads 0). */
export async function snapshotCpu(appPid: number, url?: string): Promise<CpuSnapshot> {
  const database = new Map<number, number>();
  for (const pid of url ? await backendPids(url) : []) database.set(pid, cpuSecondsOf(pid));
  return { app: cpuSecondsOf(appPid), database };
}

/** CPU seconds spent between two snapshots (a backend started in between counts in full). */
export function cpuSpent(
  before: CpuSnapshot,
  after: CpuSnapshot,
): { app: number; database: number } {
  let database = 0;
  for (const [pid, seconds] of after.database)
    database += seconds - (before.database.get(pid) ?? 0);
  return { app: after.app - before.app, database };
}
