import { Interactions, groupEntries } from '../interactions';
import { RecommenderModel } from '../model';
import { ModelOptionsInput } from '../model-options';
import { recommendForUser } from '../scoring';
import { UserItem } from '../recommend-types';
import { TrainingInput, trainModel } from '../train-model';
import { LIKED_HELD_OUT, MetricSet, RankedList, scoreLists, toRanked } from './metric-set';
import { Split, stratifiedSplit } from './split';
import { THIN_HISTORY_MAX } from './thin-histories';
import { latestTimestamp, userItemsOf } from './user-histories';

/** Picks of the onboarding case: a new user who told us about this many movies. */
export const ONBOARDING_PICKS = 5;

/** Options of {@link runEvaluationProtocol}. */
export interface ProtocolOptions {
  /** List length (the contract's k = 10). */
  k: number;
  seed: number;
  /** Tune mode: split the training part again and measure on that validation part. */
  validation: boolean;
  model: ModelOptionsInput;
}

/** Runtime hooks: thread count, a millisecond clock for timing, progress reports. */
export interface ProtocolContext {
  workers: number;
  clock: () => number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

/** What one protocol run measured, plus the lists and split behind it (for --out). */
export interface ProtocolResult {
  /** The published protocol: every held-out rating relevant. */
  model: MetricSet & { algorithm: string; trainingMs: number };
  popularity: MetricSet;
  /** The same lists under the liked-only protocol (LIKED_HELD_OUT), with disliked@k. */
  likedOnly: { model: MetricSet; popularity: MetricSet };
  /**
   * The onboarding case, under the published protocol: each user's list made from only their
   * first ONBOARDING_PICKS training interactions (by time), still excluding all of them. The
   * popularity list needs no history, so it is the published one.
   */
  onboarding: { picks: number; model: MetricSet; popularity: MetricSet };
  /** The published protocol on users with at most THIN_HISTORY_MAX training interactions. */
  thin: { maxInteractions: number; model: MetricSet; popularity: MetricSet };
  split: Split;
  lists: RankedList[];
  trained: RecommenderModel;
}

/**
 * The contract's offline protocol: per-movie stratified split (75/25, seeded); train on the
 * training part only; for every user with held-out items, a top-k list excluding that user's
 * training items, from the model and from the popularity baseline; metrics averaged over those
 * users. The server runs the same function at every training.
 */
export async function runEvaluationProtocol(
  input: TrainingInput,
  options: ProtocolOptions,
  context: ProtocolContext,
): Promise<ProtocolResult> {
  const nItems = input.itemIds.length;
  const split = protocolSplit(input.interactions, nItems, options);
  const now = latestTimestamp(split.train);
  const started = context.clock();
  const trained = await trainModel({ ...input, interactions: split.train }, options.model, {
    now,
    workers: context.workers,
  });
  const trainingMs = Math.round(context.clock() - started);
  const { modelLists, popularityLists, onboardingLists } = rankForTestUsers(
    trained,
    split,
    options.k,
    context,
  );
  const model = scoreLists(modelLists, split.test, nItems, options.k);
  const popularity = scoreLists(popularityLists, split.test, nItems, options.k);
  const thinUsers = usersWithAtMost(split.train, THIN_HISTORY_MAX);
  const thin = (lists: RankedList[]) =>
    scoreLists(
      lists.filter((list) => thinUsers.has(list.user)),
      split.test,
      nItems,
      options.k,
    );
  return {
    model: { ...model, algorithm: trained.params.algorithm, trainingMs },
    popularity,
    likedOnly: {
      model: scoreLists(modelLists, split.test, nItems, options.k, LIKED_HELD_OUT),
      popularity: scoreLists(popularityLists, split.test, nItems, options.k, LIKED_HELD_OUT),
    },
    onboarding: {
      picks: ONBOARDING_PICKS,
      model: scoreLists(onboardingLists, split.test, nItems, options.k),
      popularity,
    },
    thin: {
      maxInteractions: THIN_HISTORY_MAX,
      model: thin(modelLists),
      popularity: thin(popularityLists),
    },
    split,
    lists: modelLists,
    trained,
  };
}

/**
 * The split the protocol trains and measures on: the seeded per-movie split, or in validation
 * mode the same split of its training part again (seed + 1), so tuning never sees the test part.
 */
export function protocolSplit(
  data: Interactions,
  nItems: number,
  options: Pick<ProtocolOptions, 'seed' | 'validation'>,
): Split {
  const outer = stratifiedSplit(data, nItems, { seed: options.seed });
  return options.validation
    ? stratifiedSplit(outer.train, nItems, { seed: options.seed + 1 })
    : outer;
}

/** Users with between 1 and `max` interactions in `data`. */
function usersWithAtMost(data: Interactions, max: number): Set<number> {
  const counts = new Map<number, number>();
  for (const user of data.users) counts.set(user, (counts.get(user) ?? 0) + 1);
  return new Set([...counts].filter(([, count]) => count <= max).map(([user]) => user));
}

/**
 * Calls `visit` for every user who has held-out items, in user order, with that user's training
 * entries as scoring input.
 */
function forEachTestUser(
  split: Split,
  visit: (user: number, userItems: UserItem[], done: number, total: number) => void,
): void {
  const nUsers = Math.max(maxOf(split.train.users), maxOf(split.test.users)) + 1;
  const groups = groupEntries(split.train.users, nUsers);
  const testUsers = [...new Set(split.test.users)].sort((a, b) => a - b);
  for (const [done, user] of testUsers.entries()) {
    visit(user, userItemsOf(split.train, groups, user), done, testUsers.length);
  }
}

/** The model's top-k list for every user who has held-out items (what tuning scores). */
export function rankModelLists(model: RecommenderModel, split: Split, k: number): RankedList[] {
  const lists: RankedList[] = [];
  forEachTestUser(split, (user, userItems) => {
    const request = { limit: k, now: model.trainedAt, explain: false };
    lists.push(toRanked(user, recommendForUser(model, userItems, request).items));
  });
  return lists;
}

/**
 * Top-k lists of the model, of popularity, and of the model from the user's first picks only,
 * for every user who has held-out items.
 */
function rankForTestUsers(
  model: RecommenderModel,
  split: Split,
  k: number,
  context: ProtocolContext,
): { modelLists: RankedList[]; popularityLists: RankedList[]; onboardingLists: RankedList[] } {
  const modelLists: RankedList[] = [];
  const popularityLists: RankedList[] = [];
  const onboardingLists: RankedList[] = [];
  forEachTestUser(split, (user, userItems, done, total) => {
    const request = { limit: k, now: model.trainedAt };
    modelLists.push(toRanked(user, recommendForUser(model, userItems, request).items));
    const exclude = userItems.map((entry) => entry.item);
    popularityLists.push(
      toRanked(user, recommendForUser(model, [], { ...request, exclude }).items),
    );
    const firstPicks = [...userItems]
      .sort((a, b) => a.timestamp - b.timestamp)
      .slice(0, ONBOARDING_PICKS);
    onboardingLists.push(
      toRanked(user, recommendForUser(model, firstPicks, { ...request, exclude }).items),
    );
    if ((done + 1) % 100 === 0) context.onProgress?.('ranking', done + 1, total);
  });
  return { modelLists, popularityLists, onboardingLists };
}

function maxOf(values: Int32Array): number {
  let max = -1;
  for (const value of values) max = Math.max(max, value);
  return max;
}
