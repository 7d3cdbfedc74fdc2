import { isLiked, preferenceWeight } from './feedback-rule';
import { ScoringOptions } from './scoring-options';
import { UserItem } from './recommend-types';

const SECONDS_PER_DAY = 86400;

/**
 * Weight of each of the user's items when scoring: w = base * recency, where base is the
 * signed preference weight of the value (preference: feedback-rule.ts, negative for a dislike),
 * 1 (binary), the value (rating), or the value minus the user's mean value (user-centred), and
 * recency = 2^(-max(0, now - timestamp) / halfLife) (1 when the half-life is 0), times the share
 * of a stand-in (recommend-types.ts StandIn). A repeated item keeps one entry (latestEntries).
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
    if (entry.standIn) base *= entry.standIn.share;
    const age = Math.max(0, now - entry.timestamp);
    weights.set(entry.item, halfLife > 0 ? base * Math.pow(2, -age / halfLife) : base);
  }
  return weights;
}

/**
 * The entry that counts for each item: the user's own feedback over any stand-in for it (the
 * stand-in only guesses what they would say of it), else the latest (the later-listed one when
 * two share a timestamp).
 */
function latestEntries(userItems: readonly UserItem[]): Map<number, UserItem> {
  const latest = new Map<number, UserItem>();
  for (const entry of userItems) {
    const known = latest.get(entry.item);
    if (!known || outranks(entry, known)) latest.set(entry.item, entry);
  }
  return latest;
}

function outranks(entry: UserItem, known: UserItem): boolean {
  const isOwn = entry.standIn === undefined;
  if (isOwn !== (known.standIn === undefined)) return isOwn;
  return entry.timestamp >= known.timestamp;
}

/**
 * The user's own items whose latest value is a like (feedback-rule.ts isLiked): the only
 * reasons. Never a stand-in: the user did not rate it.
 */
export function likedItems(userItems: readonly UserItem[]): Set<number> {
  const liked = new Set<number>();
  for (const entry of latestEntries(userItems).values()) {
    if (!entry.standIn && isLiked(entry.value)) liked.add(entry.item);
  }
  return liked;
}

/** What a history holds: see {@link historyOf}. */
export interface History {
  /** Items of the user's own feedback: never recommended back (stand-ins may be). */
  own: Set<number>;
  /** Entries for the thin-history blend: each own item once, each unseen movie once. */
  length: number;
}

/**
 * The user's own items, and the history's length with each unseen movie counted once however
 * many stand-ins it has: one rating of a new movie is one rating, not five.
 */
export function historyOf(userItems: readonly UserItem[]): History {
  const own = new Set<number>();
  const unseen = new Set<number>();
  for (const entry of latestEntries(userItems).values()) {
    if (entry.standIn) unseen.add(entry.standIn.unseen);
    else own.add(entry.item);
  }
  return { own, length: own.size + unseen.size };
}
