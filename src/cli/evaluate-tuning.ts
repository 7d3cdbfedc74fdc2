import { ProtocolResult, TuningSummary, labelMetrics } from '../recommender';

const f4 = (value: number | undefined): string => (value === undefined ? '-' : value.toFixed(4));

/** `a=1, b.c=2`, or `the defaults` when nothing is listed. */
function listValues(values: Record<string, number>): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return 'the defaults';
  return entries.map(([name, value]) => `${name}=${value}`).join(', ');
}

/**
 * The tuning block after the summary: what the search tried and chose, then the test split's
 * figures of the defaults beside the tuned values under both protocols, with training times,
 * then the validation figures the choice was made on.
 */
export function formatTuning(
  summary: TuningSummary,
  defaults: ProtocolResult,
  tuned: ProtocolResult,
  k: number,
): string {
  const { validation } = summary;
  const row = (label: string, a: string, b: string) =>
    `${label.padEnd(22)}${a.padEnd(12)}${b}`.trimEnd();
  return [
    `tuning: ${summary.trials} configuration${summary.trials === 1 ? '' : 's'} in ${(summary.searchMs / 1000).toFixed(1)} s ` +
      `(budget ${summary.budgetSeconds} s, ${summary.stoppedBy}) on a validation split of the ` +
      `training part (${validation.users} users)`,
    `chosen: ${listValues(summary.changed)}; searched: ${listValues(summary.chosen)}`,
    row('test split', 'defaults', 'tuned'),
    row(`published nDCG@${k}`, f4(defaults.model.ndcg), f4(tuned.model.ndcg)),
    row(`liked-only nDCG@${k}`, f4(defaults.likedOnly.model.ndcg), f4(tuned.likedOnly.model.ndcg)),
    row(`disliked@${k}`, f4(defaults.likedOnly.model.disliked), f4(tuned.likedOnly.model.disliked)),
    row('training', `${defaults.model.trainingMs} ms`, `${tuned.model.trainingMs} ms`),
    `validation (what the choice was made on): published nDCG@10 ` +
      `${f4(validation.defaults.ndcgAt10)} -> ${f4(validation.chosen.ndcgAt10)}, ` +
      `liked-only ${f4(validation.defaults.likedOnlyNdcgAt10)} -> ${f4(validation.chosen.likedOnlyNdcgAt10)}, ` +
      `disliked@10 ${f4(validation.defaults.dislikedAt10)} -> ${f4(validation.chosen.dislikedAt10)}`,
  ].join('\n');
}

/**
 * The `tuning` member of `--json`: the search's summary plus the defaults' own test figures
 * (the run's top-level `model` and `likedOnly` are the tuned values').
 */
export function tuningJson(summary: TuningSummary, defaults: ProtocolResult): object {
  const { algorithm, trainingMs } = defaults.model;
  return {
    ...summary,
    defaults: {
      model: { ...labelMetrics(defaults.model), algorithm, trainingMs },
      likedOnly: { model: labelMetrics(defaults.likedOnly.model) },
    },
  };
}
