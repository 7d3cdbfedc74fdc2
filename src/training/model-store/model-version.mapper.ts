import type { TuningSummary, ValidationFigures } from '../../recommender';
import { ModelTuningResponseDto, TuningFiguresDto } from '../dto/model-tuning-response.dto';
import { ModelVersionResponseDto } from '../dto/model-version-response.dto';
import { ModelVersion } from './model-version.entity';

/** Whether the version still has its bytes (stored and not deleted by retention). */
export function hasArtifact(version: ModelVersion): boolean {
  return version.artifactSha256 !== null && version.artifactDeletedAt === null;
}

export function toModelVersionResponse(
  version: ModelVersion,
  servingVersion: number | null,
): ModelVersionResponseDto {
  const { model, popularity, gate } = version.metrics;
  return {
    version: version.version,
    status: version.status,
    createdAt: version.createdAt.toISOString(),
    trainedAt: version.trainedAt?.toISOString() ?? null,
    algorithm: version.algorithm,
    metrics:
      model && popularity && gate
        ? {
            ndcgAt10: model.ndcgAt10,
            precisionAt10: model.precisionAt10,
            recallAt10: model.recallAt10,
            popularityNdcgAt10: popularity.ndcgAt10,
            passedGate: gate.passed,
          }
        : null,
    error: version.error,
    artifactBytes: version.artifactBytes,
    hasArtifact: hasArtifact(version),
    isServing: version.version === servingVersion,
    isDemo: version.isDemo,
    tuning: toTuningResponse(version.params),
  };
}

/** What self-tuning chose for a version (`params.tuning`); null when it was off or predates it. */
export function toTuningResponse(params: Record<string, unknown>): ModelTuningResponseDto | null {
  const tuning = params.tuning as TuningSummary | null | undefined;
  if (!tuning || typeof tuning !== 'object') return null;
  return {
    budgetSeconds: tuning.budgetSeconds,
    trials: tuning.trials,
    searchMs: tuning.searchMs,
    stoppedBy: tuning.stoppedBy,
    chosen: { ...tuning.chosen },
    changed: { ...tuning.changed },
    validation: {
      users: tuning.validation.users,
      thinUsers: tuning.validation.thinUsers ?? 0,
      defaults: toFigures(tuning.validation.defaults),
      chosen: toFigures(tuning.validation.chosen),
    },
  };
}

function toFigures(figures: ValidationFigures): TuningFiguresDto {
  const { ndcgAt10, likedOnlyNdcgAt10, dislikedAt10 } = figures;
  return { ndcgAt10, likedOnlyNdcgAt10, dislikedAt10 };
}
