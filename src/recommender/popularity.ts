import { Interactions } from './interactions';
import { OptionRules, resolveOptions } from './options';

/** Options of {@link computePopularity}. */
export interface PopularityOptions {
  /**
   * Half-life of an interaction's weight, in days: an event this old counts 1/2, twice as old
   * 1/4. 0 turns recency off (plain count, the benchmark's popularity baseline).
   */
  halfLifeDays: number;
}

export const DEFAULT_POPULARITY_OPTIONS: Readonly<PopularityOptions> = Object.freeze({
  halfLifeDays: 0,
});

const RULES: OptionRules<PopularityOptions> = {
  halfLifeDays: { kind: 'number', min: 0, max: 1e6 },
};

/** Validates popularity options over the defaults. */
export function resolvePopularityOptions(input: unknown = {}): PopularityOptions {
  return resolveOptions(DEFAULT_POPULARITY_OPTIONS, RULES, input);
}

const SECONDS_PER_DAY = 86400;

/**
 * Recency-weighted count of ratings and watches per item:
 *   popularity(i) = sum over events e of i of 2^(-max(0, now - t_e) / halfLife)
 * (each event counts 1 when halfLifeDays = 0). `now` is epoch seconds, passed in so training
 * and tests are repeatable. Used as the cold-start fallback and as the evaluation baseline.
 */
export function computePopularity(
  data: Interactions,
  nItems: number,
  now: number,
  options: Partial<PopularityOptions> = {},
): Float32Array {
  const { halfLifeDays } = resolvePopularityOptions(options);
  const scores = new Float64Array(nItems);
  const halfLifeSeconds = halfLifeDays * SECONDS_PER_DAY;
  for (let e = 0; e < data.items.length; e++) {
    const age = Math.max(0, now - data.timestamps[e]);
    scores[data.items[e]] += halfLifeSeconds > 0 ? Math.pow(2, -age / halfLifeSeconds) : 1;
  }
  return Float32Array.from(scores);
}
