import { ProtocolResult, ThinHistoriesResult, TuningSummary, labelMetrics } from '../recommender';

/** One evaluated configuration: the protocol's result and its simulated thin histories. */
export interface EvaluatedRun {
  result: ProtocolResult;
  thin: ThinHistoriesResult;
}

const f4 = (value: number | undefined): string => (value === undefined ? '-' : value.toFixed(4));

/** `a=1, b.c=2`, or `the defaults` when nothing is listed. */
function listValues(values: Record<string, number>): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return 'the defaults';
  return entries.map(([name, value]) => `${name}=${value}`).join(', ');
}

/**
 * The tuning block after the summary: what the search tried and chose, then the test split's
 * figures of the defaults beside the tuned values under both protocols and for the simulated
 * thin histories (the served hybrid), with training times, then the validation figures the
 * choice was made on.
 */
export function formatTuning(
  summary: TuningSummary,
  defaults: EvaluatedRun,
  tuned: EvaluatedRun,
  k: number,
): string {
  const { validation } = summary;
  const row = (label: string, pick: (run: EvaluatedRun) => string) =>
    `${label.padEnd(26)}${pick(defaults).padEnd(12)}${pick(tuned)}`.trimEnd();
  const configurations = `${summary.trials} configuration${summary.trials === 1 ? '' : 's'}`;
  return [
    `tuning: ${configurations} in ${(summary.searchMs / 1000).toFixed(1)} s (budget ` +
      `${summary.budgetSeconds} s, ${summary.stoppedBy}) on a validation split of the training ` +
      `part (${validation.users} users, ${validation.thinUsers} of them cut to a thin history)`,
    `chosen: ${listValues(summary.changed)}; searched: ${listValues(summary.chosen)}`,
    `${'test split'.padEnd(26)}${'defaults'.padEnd(12)}tuned`,
    row(`published nDCG@${k}`, (run) => f4(run.result.model.ndcg)),
    row(`liked-only nDCG@${k}`, (run) => f4(run.result.likedOnly.model.ndcg)),
    row(`disliked@${k}`, (run) => f4(run.result.likedOnly.model.disliked)),
    row(`thin histories nDCG@${k}`, (run) => f4(run.thin.hybrid.ndcg)),
    row('training', (run) => `${run.result.model.trainingMs} ms`),
    `validation (what the choice was made on): published nDCG@10 ` +
      `${f4(validation.defaults.ndcgAt10)} -> ${f4(validation.chosen.ndcgAt10)}, liked-only ` +
      `${f4(validation.defaults.likedOnlyNdcgAt10)} -> ${f4(validation.chosen.likedOnlyNdcgAt10)}` +
      `, disliked@10 ${f4(validation.defaults.dislikedAt10)} -> ` +
      f4(validation.chosen.dislikedAt10),
  ].join('\n');
}

/**
 * The `tuning` member of `--json`: the search's summary plus the defaults' own test figures
 * (the run's top-level `model`, `likedOnly` and `thinSimulated` are the tuned values').
 */
export function tuningJson(summary: TuningSummary, defaults: EvaluatedRun): object {
  const { algorithm, trainingMs } = defaults.result.model;
  return {
    ...summary,
    defaults: {
      model: { ...labelMetrics(defaults.result.model), algorithm, trainingMs },
      likedOnly: { model: labelMetrics(defaults.result.likedOnly.model) },
      thinSimulated: { hybrid: labelMetrics(defaults.thin.hybrid) },
    },
  };
}
