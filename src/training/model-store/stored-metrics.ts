import { MetricSet } from '../../recommender';
import { QualityGateDecision } from '../quality-gate';

/** Every training evaluates at this cut-off, so ModelInfo's names (ndcgAt10, ...) are exact. */
export const TRAINING_EVALUATION_K = 10;

/** One model's offline metrics as a version stores them and ModelInfo shows them. */
export interface StoredMetricSet {
  k: number;
  users: number;
  precisionAt10: number;
  recallAt10: number;
  ndcgAt10: number;
  mapAt10: number;
  coverage: number;
  /** Liked-only protocol only: the share of the top 10 the user rated 2 or less. */
  dislikedAt10?: number;
}

/** `model_versions.metrics` of a trained version (a row still training holds `{}`). */
export interface StoredMetrics {
  model: StoredMetricSet & { trainingMs: number };
  popularity: StoredMetricSet;
  /** The same lists under the liked-only protocol (absent from versions trained before it). */
  likedOnly?: { model: StoredMetricSet; popularity: StoredMetricSet };
  evaluatedInteractions: number;
  gate: QualityGateDecision;
}

/** Names a training's metrics as stored; they must come from an evaluation at k = 10. */
export function toStoredMetricSet(set: MetricSet): StoredMetricSet {
  if (set.k !== TRAINING_EVALUATION_K) {
    throw new Error(`stored metrics are at k = ${TRAINING_EVALUATION_K}, got k = ${set.k}`);
  }
  return {
    k: set.k,
    users: set.users,
    precisionAt10: set.precision,
    recallAt10: set.recall,
    ndcgAt10: set.ndcg,
    mapAt10: set.map,
    coverage: set.coverage,
    ...(set.disliked !== undefined && { dislikedAt10: set.disliked }),
  };
}
