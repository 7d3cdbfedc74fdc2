import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, realpath, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { canTraverse, PostgresSystemUser } from './postgres-system-user';
import { SHARED_STATE_DIR } from './shared-state-dir';

export interface ClusterLocation {
  /** The PostgreSQL data folder (`initdb --pgdata`). */
  clusterDir: string;
  /** True when it is not `DATA_DIR/pg` because the system user cannot reach DATA_DIR. */
  isOutsideDataDir: boolean;
}

/**
 * The cluster's folder for a DATA_DIR outside it: one per DATA_DIR (keyed by its real path, so
 * two DATA_DIRs never share a cluster, and the same DATA_DIR finds its cluster at every start).
 */
export function clusterDirOutside(
  realDataDir: string,
  stateDir: string = SHARED_STATE_DIR,
): string {
  const key = createHash('sha256').update(realDataDir).digest('hex').slice(0, 16);
  return join(stateDir, 'clusters', key, 'pg');
}

export interface ClusterFacts {
  /** `DATA_DIR/pg` already holds a cluster. */
  hasClusterInDataDir: boolean;
  /** The folder outside DATA_DIR already holds this DATA_DIR's cluster. */
  hasClusterOutside: boolean;
  /** The system user can reach DATA_DIR (undefined: we run PostgreSQL as ourselves). */
  systemUserReachesDataDir: boolean | undefined;
}

/**
 * An existing cluster stays where it is (its data must survive restarts, even when a chmod
 * later makes DATA_DIR reachable); a new one goes into DATA_DIR when PostgreSQL's user can
 * reach it, and outside otherwise.
 */
export function isClusterOutsideDataDir(facts: ClusterFacts): boolean {
  if (facts.hasClusterInDataDir) return false;
  if (facts.hasClusterOutside) return true;
  return facts.systemUserReachesDataDir === false;
}

/** Decides where DATA_DIR's cluster lives, and prepares the folder above it for `user`. */
export async function locateCluster(
  dataDir: string,
  user: PostgresSystemUser | undefined,
): Promise<ClusterLocation> {
  const inDataDir = join(dataDir, 'pg');
  if (!user) return { clusterDir: inDataDir, isOutsideDataDir: false };
  const outside = clusterDirOutside(await realpath(dataDir));
  const isOutsideDataDir = isClusterOutsideDataDir({
    hasClusterInDataDir: existsSync(join(inDataDir, 'PG_VERSION')),
    hasClusterOutside: existsSync(join(outside, 'PG_VERSION')),
    systemUserReachesDataDir: await canTraverse(user, dirname(dataDir)),
  });
  if (!isOutsideDataDir) {
    // The cluster's user must pass through DATA_DIR (to list it is not needed).
    await chmod(dataDir, (await stat(dataDir)).mode | 0o711);
    return { clusterDir: inDataDir, isOutsideDataDir };
  }
  const home = dirname(outside);
  await mkdir(home, { recursive: true });
  for (let dir = home; dir !== dirname(SHARED_STATE_DIR); dir = dirname(dir)) {
    await chmod(dir, 0o755);
  }
  // For people who find the folder: whose cluster it is.
  await writeFile(join(home, 'data-dir'), `${dataDir}\n`);
  return { clusterDir: outside, isOutsideDataDir };
}
