import { ContentInput, emptyContentInput } from './content/content-features';
import { buildContentVectors } from './content/content-vectors';
import { DenseBlock } from './ease/dense-block';
import { trainEase } from './ease/train-ease';
import { Interactions, assertInteractions } from './interactions';
import { TrainingMatrixInput, trainItemKnn } from './item-knn/train-item-knn';
import { fillEmptyRows, rowScale } from './ease/fill-empty-rows';
import { ItemAlgorithm, RecommenderModel } from './model';
import { ModelOptions, ModelOptionsInput, resolveModelOptions } from './model-options';
import { computePopularity } from './popularity';
import { SparseRows } from './sparse-rows';

/** What training learns from: deduplicated interactions (see mergeFeedback) and the catalog. */
export interface TrainingInput {
  nUsers: number;
  /** External id of each dense item index; its length is the number of items. */
  itemIds: Int32Array;
  interactions: Interactions;
  /** Side information; genres in it drive the genre filter. Absent: no content model. */
  content?: ContentInput;
  genreNames?: string[];
}

/** Runtime facts that are not model parameters: the clock and the thread count. */
export interface TrainingContext {
  /** Epoch seconds that recency is measured from. */
  now: number;
  /** Worker threads for the neighbour table (0 = this thread). */
  workers: number;
}

/** The algorithm `options` asks for on a catalog of `nItems` items. */
export function chooseAlgorithm(options: ModelOptions, nItems: number): ItemAlgorithm {
  if (options.algorithm === 'auto') return nItems <= options.easeMaxCatalog ? 'ease' : 'item-knn';
  return options.algorithm;
}

/**
 * The item-item table: item-kNN on the worker pool, or EASE whose empty rows (movies outside the
 * dense solve) are filled from item-kNN when `easeFillRows` is set.
 */
async function trainTable(
  matrix: TrainingMatrixInput,
  algorithm: ItemAlgorithm,
  options: ModelOptions,
  workers: number,
): Promise<{ table: SparseRows; easeItems: number; easeLambda?: number; easeBlock?: DenseBlock }> {
  const knn = (): Promise<SparseRows> => trainItemKnn(matrix, options.itemKnn, { workers });
  if (algorithm === 'item-knn') return { table: await knn(), easeItems: 0 };
  const ease = trainEase(matrix, {
    lambda: options.easeLambda,
    lambdaScale: options.easeLambdaScale,
    neighbours: options.itemKnn.neighbours,
    maxItems: options.easeMaxItems,
    timeBudgetSeconds: options.easeTimeBudgetSeconds,
  });
  const easeBlock = options.easeDenseScoring ? ease.block : undefined;
  const solved = { easeItems: ease.items, easeLambda: ease.lambda, easeBlock };
  if (!options.easeFillRows) return { table: ease.table, ...solved };
  const fallback = await knn();
  return { table: fillEmptyRows(ease.table, fallback, rowScale(ease.table, fallback)), ...solved };
}

/**
 * Trains the whole model: the item-item table (item-kNN on the worker pool, or EASE), the
 * recency-weighted popularity and the content vectors, and records the parameters used.
 */
export async function trainModel(
  input: TrainingInput,
  options: ModelOptionsInput,
  context: TrainingContext,
): Promise<RecommenderModel> {
  const resolved = resolveModelOptions(options);
  const nItems = input.itemIds.length;
  assertInteractions(input.interactions, input.nUsers, nItems);
  const algorithm = chooseAlgorithm(resolved, nItems);
  const matrix = { nUsers: input.nUsers, nItems, interactions: input.interactions };
  const {
    table: neighbours,
    easeItems,
    easeLambda,
    easeBlock,
  } = await trainTable(matrix, algorithm, resolved, context.workers);
  const content = input.content ?? emptyContentInput(nItems);
  return {
    params: {
      algorithm,
      itemKnn: resolved.itemKnn,
      easeLambda: easeLambda ?? resolved.easeLambda ?? 0,
      ...(easeLambda !== undefined &&
        resolved.easeLambda === null && { easeLambdaScale: resolved.easeLambdaScale }),
      easeFillRows: resolved.easeFillRows,
      easeMaxItems: resolved.easeMaxItems,
      easeTimeBudgetSeconds: resolved.easeTimeBudgetSeconds,
      easeItems,
      easeDenseScoring: easeBlock !== undefined,
      popularity: resolved.popularity,
      content: resolved.content,
      scoring: resolved.scoring,
    },
    trainedAt: context.now,
    counts: { users: input.nUsers, items: nItems, interactions: input.interactions.users.length },
    itemIds: input.itemIds,
    neighbours,
    ...(easeBlock && { easeBlock }),
    popularity: computePopularity(input.interactions, nItems, context.now, resolved.popularity),
    content: buildContentVectors(content, resolved.content),
    genreBits: content.genreBits,
    genreNames: input.genreNames ?? [],
  };
}
