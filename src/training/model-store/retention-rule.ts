import { ModelVersionStatus } from './model-version.entity';

/** What the retention rule needs to know of a version. */
export interface RetainedFacts {
  version: number;
  status: ModelVersionStatus;
  /** When it was made the serving one, in order (see ModelVersion.promotion). */
  promotion: number | null;
  hasArtifact: boolean;
  /** A running experiment serves it. */
  inExperiment: boolean;
}

/**
 * The versions whose bytes the nightly job deletes. Kept: the serving version (the ready one
 * with bytes promoted last), the previous one (promoted before it, the usual rollback target),
 * the versions a running experiment serves, and, of the newest `keepFailed` failed or rejected
 * versions, the rejected ones' bytes (a failed training stored none). Every other stored
 * artifact goes; rows are never deleted.
 */
export function versionsToDelete(versions: RetainedFacts[], keepFailed: number): number[] {
  const servable = versions
    .filter((v) => v.status === 'ready' && v.hasArtifact && v.promotion !== null)
    .sort((a, b) => (b.promotion ?? 0) - (a.promotion ?? 0))
    .slice(0, 2);
  const recentFailures = versions
    .filter((v) => v.status === 'failed' || v.status === 'rejected')
    .sort((a, b) => b.version - a.version)
    .slice(0, keepFailed);
  const inExperiment = versions.filter((v) => v.inExperiment);
  const kept = new Set([...servable, ...recentFailures, ...inExperiment].map((v) => v.version));
  return versions
    .filter((v) => v.hasArtifact && v.status !== 'training' && !kept.has(v.version))
    .map((v) => v.version)
    .sort((a, b) => a - b);
}
