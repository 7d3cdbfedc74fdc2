import { Interactions, groupEntries } from '../interactions';
import { RecommenderModel } from '../model';
import { ModelOptionsInput } from '../model-options';
import { recommendForUser } from '../scoring';
import { createSeededRandom, shuffleRange } from '../seeded-random';
import { TrainingInput, trainModel } from '../train-model';
import { MetricSet, RankedList, scoreLists, toRanked } from './metric-set';
import { Split } from './split';
import { latestTimestamp, userItemsOf } from './user-histories';

/** Thin histories: at most this many training interactions. */
export const THIN_HISTORY_MAX = 10;

/** Share of the users with held-out items whose training history is cut to a thin one. */
export const THIN_SIMULATED_SHARE = 0.2;

/** The four ways to rank for a thin history, each through the server's recommendForUser. */
export interface ThinHistoryMetrics {
  /** The model as it serves: collaborative blended with content below its thinHistory. */
  hybrid: MetricSet;
  /** The item-item table alone (no content: a history it cannot reach falls to popularity). */
  collaborative: MetricSet;
  /** Content alone (no item-item table). */
  content: MetricSet;
  /** Most popular first, whatever the history. */
  popularity: MetricSet;
}

export interface ThinHistoriesResult extends ThinHistoryMetrics {
  maxInteractions: number;
}

/**
 * Thin histories, simulated: data sets whose users all rated many movies (MovieLens keeps only
 * users with 20 or more) have no thin users to measure, yet every new user starts thin. A
 * seeded THIN_SIMULATED_SHARE of the users with held-out items keep only their first 1 to
 * THIN_HISTORY_MAX training interactions (by time; the count drawn per user), a model is trained
 * on that data (so nothing they did later leaks into it), and their held-out items are ranked
 * from what they kept: by the model as served, its collaborative part alone, its content part
 * alone, and popularity.
 */
export async function evaluateThinHistories(
  input: TrainingInput,
  split: Split,
  options: { k: number; seed: number; model: ModelOptionsInput },
  context: { workers: number },
): Promise<ThinHistoriesResult> {
  const { train, thinUsers } = thinOut(split, input.nUsers, options.seed);
  const model = await trainModel({ ...input, interactions: train }, options.model, {
    now: latestTimestamp(train),
    workers: context.workers,
  });
  const groups = groupEntries(train.users, input.nUsers);
  const variants = {
    hybrid: model,
    collaborative: collaborativeOnly(model),
    content: contentOnly(model),
  };
  const lists = { hybrid: [], collaborative: [], content: [], popularity: [] } as Record<
    keyof ThinHistoryMetrics,
    RankedList[]
  >;
  for (const user of thinUsers) {
    const userItems = userItemsOf(train, groups, user);
    const request = { limit: options.k, now: model.trainedAt, explain: false };
    for (const [name, variant] of Object.entries(variants)) {
      const ranked = recommendForUser(variant, userItems, request).items;
      lists[name as keyof typeof variants].push(toRanked(user, ranked));
    }
    const exclude = userItems.map((entry) => entry.item);
    const popular = recommendForUser(model, [], { ...request, exclude }).items;
    lists.popularity.push(toRanked(user, popular));
  }
  const nItems = input.itemIds.length;
  const score = (name: keyof ThinHistoryMetrics): MetricSet =>
    scoreLists(lists[name], split.test, nItems, options.k);
  return {
    maxInteractions: THIN_HISTORY_MAX,
    hybrid: score('hybrid'),
    collaborative: score('collaborative'),
    content: score('content'),
    popularity: score('popularity'),
  };
}

/**
 * The training part with a seeded share of the users who have held-out items cut to their
 * first 1..THIN_HISTORY_MAX interactions by time (ties by position); those users, ascending.
 */
export function thinOut(
  split: Split,
  nUsers: number,
  seed: number,
): { train: Interactions; thinUsers: number[] } {
  const random = createSeededRandom(seed);
  const testUsers = Int32Array.from(new Set(split.test.users)).sort();
  shuffleRange(testUsers, 0, testUsers.length, random);
  const chosen = testUsers.slice(0, Math.round(THIN_SIMULATED_SHARE * testUsers.length));
  const keep = new Int32Array(nUsers).fill(-1); // -1: every entry
  for (const user of chosen) keep[user] = 1 + Math.floor(random() * THIN_HISTORY_MAX);
  const { train } = split;
  const groups = groupEntries(train.users, nUsers);
  const kept: number[] = [];
  for (let user = 0; user < nUsers; user++) {
    const entries = Array.from(groups.order.subarray(groups.start[user], groups.start[user + 1]));
    if (keep[user] >= 0) {
      entries.sort((a, b) => train.timestamps[a] - train.timestamps[b] || a - b);
      entries.length = Math.min(entries.length, keep[user]);
    }
    kept.push(...entries);
  }
  kept.sort((a, b) => a - b);
  const positions = Int32Array.from(kept);
  return {
    train: {
      users: positions.map((e) => train.users[e]),
      items: positions.map((e) => train.items[e]),
      values: Float32Array.from(positions, (e) => train.values[e]),
      timestamps: Float64Array.from(positions, (e) => train.timestamps[e]),
    },
    thinUsers: Array.from(chosen)
      .filter((user) => groups.start[user + 1] > groups.start[user])
      .sort((a, b) => a - b),
  };
}

/** The model without content: scoring falls from the item-item table straight to popularity. */
function collaborativeOnly(model: RecommenderModel): RecommenderModel {
  return {
    ...model,
    params: { ...model.params, scoring: { ...model.params.scoring, thinHistory: 0 } },
    content: { dim: 0, values: new Float32Array(0) },
  };
}

/** The model without its item-item table (nor EASE's block): content scores every history. */
function contentOnly(model: RecommenderModel): RecommenderModel {
  const nItems = model.itemIds.length;
  return {
    ...model,
    easeBlock: undefined,
    neighbours: {
      nRows: nItems,
      nCols: nItems,
      indptr: new Int32Array(nItems + 1),
      indices: new Int32Array(0),
      values: new Float32Array(0),
    },
  };
}
