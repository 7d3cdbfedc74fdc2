import type { TuningSummary } from '../recommender';

const round4 = (value: number): number => Math.round(value * 10000) / 10000;

/**
 * The fields of the "hyperparameters tuned" log line, readable at a glance: how many
 * configurations in how many seconds, what changed (or that the defaults stayed), and the
 * validation figures before (the defaults) and after (the chosen point), to 4 decimals.
 */
export function tuningLogFields(summary: TuningSummary): Record<string, unknown> {
  const { defaults, chosen } = summary.validation;
  const changed = Object.keys(summary.changed).length > 0 ? summary.changed : 'none: defaults kept';
  return {
    trials: summary.trials,
    searchSeconds: Math.round(summary.searchMs / 100) / 10,
    budgetSeconds: summary.budgetSeconds,
    stoppedBy: summary.stoppedBy,
    changed,
    validationNdcgAt10: {
      defaults: round4(defaults.ndcgAt10),
      chosen: round4(chosen.ndcgAt10),
    },
    validationLikedOnlyNdcgAt10: {
      defaults: round4(defaults.likedOnlyNdcgAt10),
      chosen: round4(chosen.likedOnlyNdcgAt10),
    },
    validationDislikedAt10: {
      defaults: round4(defaults.dislikedAt10),
      chosen: round4(chosen.dislikedAt10),
    },
  };
}
