import { LIKED_HELD_OUT, scoreEachList } from '../evaluation/metric-set';
import { rankModelLists } from '../evaluation/protocol';
import { latestTimestamp } from '../evaluation/user-histories';
import { Split, stratifiedSplit } from '../evaluation/split';
import { thinOut } from '../evaluation/thin-histories';
import { RecommenderModel } from '../model';
import { ModelOptionsInput, resolveModelOptions } from '../model-options';
import { resolveScoringOptions } from '../scoring-options';
import { TrainingInput, chooseAlgorithm, trainModel } from '../train-model';
import { SearchPoint, SearchStop, SearchTrial, coordinateSearch } from './coordinate-search';
import { ValidationFigures, ValidationMeasurement, tuningScore } from './tuning-objective';
import { SCORING_ONLY, changedValues, optionsAt, pointOf, tuningDimensions } from './tuning-space';

/** The list length tuning measures at (the contract's k). */
const TUNING_K = 10;
/** Passes over the dimensions at most: a second pass catches what the first one's moves opened. */
const MAX_ROUNDS = 2;
/**
 * A point must beat the best so far by more than this, on top of the noise tuningScore already
 * takes off: on a large validation split a gain can be certain and still too small to matter.
 */
const MIN_GAIN = 0.0005;
/** Trained tables kept for scoring-only trials (the best point's and the latest). */
const TABLE_CACHE_SIZE = 2;

/** What {@link tuneModel} is asked to do. */
export interface TuningOptions {
  /** Seconds the search may take (see coordinateSearch for how a trial is fitted in). */
  budgetSeconds: number;
  /** Seed of the validation split of the data it is given. */
  seed: number;
}

/** Runtime hooks: thread count and a millisecond clock, injected like the protocol's. */
export interface TuningContext {
  workers: number;
  clock: () => number;
  /** Called after each trial, e.g. for a progress line. */
  onTrial?: (trial: SearchTrial<ValidationMeasurement>, index: number) => void;
}

/** What a tuning run chose and why: stored with the model version, shown by ModelInfo. */
export interface TuningSummary {
  budgetSeconds: number;
  /** Configurations measured, the defaults first. */
  trials: number;
  searchMs: number;
  stoppedBy: SearchStop;
  /** The value of every searched parameter at the chosen point (paths as in ModelOptions). */
  chosen: Record<string, number>;
  /** Only the parameters where the chosen point differs from the defaults. */
  changed: Record<string, number>;
  /** The validation split's figures of the defaults and of the chosen point, at k = 10. */
  validation: {
    users: number;
    /** Of them, those cut to their first 1 to 10 training interactions (see thinOut). */
    thinUsers: number;
    defaults: ValidationFigures;
    chosen: ValidationFigures;
  };
}

export interface TuningOutcome {
  /** The options to train with: the input defaults when nothing beat them. */
  options: ModelOptionsInput;
  summary: TuningSummary;
}

/**
 * Self-tuning: splits `input` (the data an evaluation trains on, never its test part) per movie
 * again into a validation split, cuts a seeded share of its users to a thin history as the
 * thin-history evaluation does (thinOut: every user starts thin, and MovieLens has none, so the
 * hybrid's threshold would have nothing to be measured on), and searches the hyperparameters
 * of tuning-space.ts by coordinate descent from `defaults` within the budget, scoring each point
 * with tuningScore (published and liked-only nDCG@10, a rise of disliked@10 penalised, less the
 * noise of its difference from the defaults). Trials that change only scoring options reuse
 * the trained table. Deterministic for the same data and the same clock.
 */
export async function tuneModel(
  input: TrainingInput,
  defaults: ModelOptionsInput,
  options: TuningOptions,
  context: TuningContext,
): Promise<TuningOutcome> {
  const resolved = resolveModelOptions(defaults);
  const nItems = input.itemIds.length;
  const perMovie = stratifiedSplit(input.interactions, nItems, { seed: options.seed });
  const thinned = thinOut(perMovie, input.nUsers, options.seed);
  const split: Split = { train: thinned.train, test: perMovie.test };
  const dimensions = tuningDimensions(resolved, {
    algorithm: chooseAlgorithm(resolved, nItems),
    itemsWithInteractions: new Set(split.train.items).size,
  });
  const start = pointOf(resolved, dimensions);
  const table = tableCache(input, split, context.workers);
  const search = await coordinateSearch<ValidationMeasurement>({
    defaults: start,
    dimensions,
    measure: async (point) => {
      const model = await table(point, optionsAt(resolved, point));
      return measureOnSplit(withScoring(model, point, resolved.scoring), split);
    },
    score: tuningScore,
    budgetMs: options.budgetSeconds * 1000,
    clock: context.clock,
    maxRounds: MAX_ROUNDS,
    minGain: MIN_GAIN,
    onTrial: context.onTrial,
  });
  const chosePoint = search.best !== search.baseline;
  return {
    options: chosePoint ? optionsAt(resolved, search.best.point) : defaults,
    summary: {
      budgetSeconds: options.budgetSeconds,
      trials: search.trials.length,
      searchMs: Math.round(search.elapsedMs),
      stoppedBy: search.stoppedBy,
      chosen: { ...search.best.point },
      changed: changedValues(start, search.best.point),
      validation: {
        users: new Set(split.test.users).size,
        thinUsers: thinned.thinUsers.length,
        defaults: figuresOf(search.baseline.measured),
        chosen: figuresOf(search.best.measured),
      },
    },
  };
}

/**
 * Trains the table of a point, or reuses one trained for a point that differs only in scoring
 * options. Keeps the last TABLE_CACHE_SIZE tables.
 */
function tableCache(
  input: TrainingInput,
  split: Split,
  workers: number,
): (point: SearchPoint, options: ModelOptionsInput) => Promise<RecommenderModel> {
  const cache = new Map<string, RecommenderModel>();
  const now = latestTimestamp(split.train);
  return async (point, options) => {
    const key = Object.entries(point)
      .filter(([name]) => !SCORING_ONLY.has(name))
      .map(([name, value]) => `${name}=${value}`)
      .join(',');
    const cached = cache.get(key);
    if (cached) {
      cache.delete(key);
      cache.set(key, cached);
      return cached;
    }
    const model = await trainModel({ ...input, interactions: split.train }, options, {
      now,
      workers,
    });
    cache.set(key, model);
    if (cache.size > TABLE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return model;
  };
}

/** The model with the point's scoring options (a new object: the scoring index is per model). */
function withScoring(
  model: RecommenderModel,
  point: SearchPoint,
  defaults: RecommenderModel['params']['scoring'],
): RecommenderModel {
  const scoring = resolveScoringOptions({
    ...defaults,
    dislikeWeight: point['scoring.dislikeWeight'] ?? defaults.dislikeWeight,
    thinHistory: point['scoring.thinHistory'] ?? defaults.thinHistory,
  });
  return { ...model, params: { ...model.params, scoring } };
}

/** The validation figures of `model`'s lists for the split's test users, and each user's term. */
function measureOnSplit(model: RecommenderModel, split: Split): ValidationMeasurement {
  const lists = rankModelLists(model, split, TUNING_K);
  const published = scoreEachList(lists, split.test, TUNING_K);
  const likedOnly = scoreEachList(lists, split.test, TUNING_K, LIKED_HELD_OUT);
  const n = lists.length;
  const likedUsers = likedOnly.ndcg.filter((ndcg) => !Number.isNaN(ndcg)).length;
  const perUser = new Float64Array(n);
  const sums = { published: 0, likedOnly: 0, disliked: 0 };
  for (let u = 0; u < n; u++) {
    const liked = Number.isNaN(likedOnly.ndcg[u]) ? 0 : likedOnly.ndcg[u];
    sums.published += published.ndcg[u];
    sums.likedOnly += liked;
    sums.disliked += likedOnly.disliked[u];
    // Liked-only averages over the users with a liked held-out item: n / likedUsers rescales.
    const likedTerm = likedUsers > 0 ? (liked * n) / likedUsers : 0;
    perUser[u] = (published.ndcg[u] + likedTerm) / 2 - likedOnly.disliked[u];
  }
  return {
    ndcgAt10: sums.published / Math.max(n, 1),
    likedOnlyNdcgAt10: sums.likedOnly / Math.max(likedUsers, 1),
    dislikedAt10: sums.disliked / Math.max(n, 1),
    perUser,
  };
}

function figuresOf(measured: ValidationMeasurement): ValidationFigures {
  const { ndcgAt10, likedOnlyNdcgAt10, dislikedAt10 } = measured;
  return { ndcgAt10, likedOnlyNdcgAt10, dislikedAt10 };
}
