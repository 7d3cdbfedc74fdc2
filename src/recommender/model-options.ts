import { ContentOptions, resolveContentOptions } from './content/content-features';
import { ItemKnnOptions, resolveItemKnnOptions } from './item-knn/item-knn-options';
import { PopularityOptions, resolvePopularityOptions } from './popularity';
import { RecommenderError } from './recommender-error';
import { ScoringOptions, resolveScoringOptions } from './scoring-options';

/** `auto` picks EASE for catalogs up to `easeMaxCatalog` items, item-kNN beyond. */
export type AlgorithmChoice = 'auto' | 'item-knn' | 'ease';

/** Everything `trainModel` accepts; each part has its own defaults and checks. */
export interface ModelOptions {
  algorithm: AlgorithmChoice;
  /** Largest catalog `auto` uses EASE for (ml-100k, ml-1m, ml-latest-small, not ml-10m+). */
  easeMaxCatalog: number;
  /** Most items in EASE's dense solve (the most interacted): O(n^3) time, 16 n^2 bytes. */
  easeMaxItems: number;
  /**
   * Seconds EASE's dense solve may take: the largest movie count (up to `easeMaxItems`) whose
   * estimated solve fits (see chooseEaseItems). 0: `easeMaxItems` alone decides.
   */
  easeTimeBudgetSeconds: number;
  /**
   * L2 penalty of EASE, fixed; null (the default): `easeLambdaScale` times the mean interaction
   * count of the movies in the solve, so it follows the data set's size.
   */
  easeLambda: number | null;
  /** EASE's λ per interaction of the solve's average movie, when `easeLambda` is null. */
  easeLambdaScale: number;
  /** Give movies outside EASE's solve their item-kNN neighbours (rescaled to EASE's weights). */
  easeFillRows: boolean;
  /** Score with every weight of EASE's solve, signed (4 n^2 bytes more in the model). */
  easeDenseScoring: boolean;
  itemKnn: ItemKnnOptions;
  popularity: PopularityOptions;
  content: ContentOptions;
  scoring: ScoringOptions;
}

/** Input shape of {@link resolveModelOptions}: every key optional, parts partial. */
export type ModelOptionsInput = Partial<{
  algorithm: AlgorithmChoice;
  easeMaxCatalog: number;
  easeMaxItems: number;
  easeTimeBudgetSeconds: number;
  easeLambda: number | null;
  easeLambdaScale: number;
  easeFillRows: boolean;
  easeDenseScoring: boolean;
  itemKnn: Partial<ItemKnnOptions>;
  popularity: Partial<PopularityOptions>;
  content: Partial<ContentOptions>;
  scoring: Partial<ScoringOptions>;
}>;

const TOP_LEVEL = new Set([
  'algorithm',
  'easeMaxCatalog',
  'easeMaxItems',
  'easeTimeBudgetSeconds',
  'easeLambda',
  'easeLambdaScale',
  'easeFillRows',
  'easeDenseScoring',
  'itemKnn',
  'popularity',
  'content',
  'scoring',
]);

function numberOption(key: string, value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0 && value <= max)) {
    throw new RecommenderError('INVALID_OPTIONS', `Option "${key}" must be a number 0 to ${max}`);
  }
  return value;
}

function booleanOption(key: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new RecommenderError('INVALID_OPTIONS', `Option "${key}" must be true or false`);
  }
  return value;
}

/** Validates the whole training configuration; unknown keys are refused at every level. */
export function resolveModelOptions(input: ModelOptionsInput = {}): ModelOptions {
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL.has(key))
      throw new RecommenderError('INVALID_OPTIONS', `Unknown option "${key}"`);
  }
  const algorithm = input.algorithm ?? 'auto';
  if (!['auto', 'item-knn', 'ease'].includes(algorithm)) {
    throw new RecommenderError(
      'INVALID_OPTIONS',
      'Option "algorithm" must be auto, item-knn or ease',
    );
  }
  return {
    algorithm,
    easeMaxCatalog: numberOption('easeMaxCatalog', input.easeMaxCatalog, 10000, 1e7),
    easeMaxItems: numberOption('easeMaxItems', input.easeMaxItems, 1000, 10000),
    easeTimeBudgetSeconds: numberOption(
      'easeTimeBudgetSeconds',
      input.easeTimeBudgetSeconds,
      0,
      3600,
    ),
    easeLambda:
      input.easeLambda === undefined || input.easeLambda === null
        ? null
        : numberOption('easeLambda', input.easeLambda, 0, 1e7),
    easeLambdaScale: numberOption('easeLambdaScale', input.easeLambdaScale, 8, 1000),
    easeFillRows: booleanOption('easeFillRows', input.easeFillRows, true),
    easeDenseScoring: booleanOption('easeDenseScoring', input.easeDenseScoring, true),
    itemKnn: resolveItemKnnOptions(input.itemKnn),
    popularity: resolvePopularityOptions(input.popularity),
    content: resolveContentOptions(input.content),
    scoring: resolveScoringOptions(input.scoring),
  };
}
