import { ScoringOptions } from './scoring-options';
import { UserItem } from './recommend-types';

const SECONDS_PER_DAY = 86400;

/**
 * Weight of each of the user's items when scoring: w = base * recency, where base is 1
 * (binary), the value (rating), or the value minus the user's mean value (user-centred), and
 * recency = 2^(-max(0, now - timestamp) / halfLife) (1 when the half-life is 0). A repeated item
 * keeps its latest entry.
 */
export function userItemWeights(
  userItems: readonly UserItem[],
  options: ScoringOptions,
  now: number,
): Map<number, number> {
  const latest = new Map<number, UserItem>();
  for (const entry of userItems) {
    const known = latest.get(entry.item);
    if (!known || entry.timestamp >= known.timestamp) latest.set(entry.item, entry);
  }
  let mean = 0;
  for (const entry of latest.values()) mean += entry.value / latest.size;
  const halfLife = options.recencyHalfLifeDays * SECONDS_PER_DAY;
  const weights = new Map<number, number>();
  for (const entry of latest.values()) {
    let base = 1;
    if (options.userWeighting === 'rating') base = entry.value;
    else if (options.userWeighting === 'user-centred') base = entry.value - mean;
    const age = Math.max(0, now - entry.timestamp);
    weights.set(entry.item, halfLife > 0 ? base * Math.pow(2, -age / halfLife) : base);
  }
  return weights;
}
