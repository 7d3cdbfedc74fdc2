import type { ModelVersion } from '../training/model-store/model-version.entity';
import { toModelVersionResponse } from '../training/model-store/model-version.mapper';
import { ModelHistoryItemDto, TrainingDurationsDto } from './dto/model-history-response.dto';

/** The steps a training times (TrainingService), each as stored in `model_versions.timings`. */
const DURATION_KEYS = ['loadMs', 'evaluationMs', 'trainingMs', 'encodeMs', 'totalMs'] as const;

/** A row of the model history (GET /v1/recommendations/model/versions) with its durations. */
export function toModelHistoryItem(
  version: ModelVersion,
  servingVersion: number | null,
): ModelHistoryItemDto {
  return {
    ...toModelVersionResponse(version, servingVersion),
    durations: durations(version.timings),
  };
}

/** null for a version that never finished training (its timings are `{}`). */
function durations(timings: Record<string, number>): TrainingDurationsDto | null {
  if (typeof timings.totalMs !== 'number') return null;
  const known = DURATION_KEYS.map((key) => [key, timings[key] ?? 0]);
  return Object.fromEntries(known) as TrainingDurationsDto;
}
