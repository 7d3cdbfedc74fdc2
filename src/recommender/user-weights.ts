import { isLiked, preferenceWeight } from './feedback-rule';
import { ScoringOptions } from './scoring-options';
import { UserItem } from './recommend-types';

const SECONDS_PER_DAY = 86400;

/**
 * Weight of each of the user's items when scoring: w = base * recency, where base is the
 * signed preference weight of the value (preference: feedback-rule.ts, negative for a dislike),
 * 1 (binary), the value (rating), or the value minus the user's mean value (user-centred), and
 * recency = 2^(-max(0, now - timestamp) / halfLife) (1 when the half-life is 0). A repeated item
 * keeps its latest entry.
 */
export function userItemWeights(
  userItems: readonly UserItem[],
  options: ScoringOptions,
  now: number,
): Map<number, number> {
  const latest = latestEntries(userItems);
  let mean = 0;
  for (const entry of latest.values()) mean += entry.value / latest.size;
  const halfLife = options.recencyHalfLifeDays * SECONDS_PER_DAY;
  const weights = new Map<number, number>();
  for (const entry of latest.values()) {
    let base = 1;
    if (options.userWeighting === 'preference') base = preferenceWeight(entry.value, options);
    else if (options.userWeighting === 'rating') base = entry.value;
    else if (options.userWeighting === 'user-centred') base = entry.value - mean;
    const age = Math.max(0, now - entry.timestamp);
    weights.set(entry.item, halfLife > 0 ? base * Math.pow(2, -age / halfLife) : base);
  }
  return weights;
}

/** The latest entry of each item (the later-listed one when two share a timestamp). */
function latestEntries(userItems: readonly UserItem[]): Map<number, UserItem> {
  const latest = new Map<number, UserItem>();
  for (const entry of userItems) {
    const known = latest.get(entry.item);
    if (!known || entry.timestamp >= known.timestamp) latest.set(entry.item, entry);
  }
  return latest;
}

/** The user's items whose latest value is a like (feedback-rule.ts isLiked): the only reasons. */
export function likedItems(userItems: readonly UserItem[]): Set<number> {
  const liked = new Set<number>();
  for (const entry of latestEntries(userItems).values()) {
    if (isLiked(entry.value)) liked.add(entry.item);
  }
  return liked;
}
