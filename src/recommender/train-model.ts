import { ContentInput, emptyContentInput } from './content/content-features';
import { buildContentVectors } from './content/content-vectors';
import { trainEase } from './ease/train-ease';
import { Interactions, assertInteractions } from './interactions';
import { trainItemKnn } from './item-knn/train-item-knn';
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
  const neighbours: SparseRows =
    algorithm === 'ease'
      ? trainEase(matrix, {
          lambda: resolved.easeLambda,
          neighbours: resolved.itemKnn.neighbours,
          maxItems: resolved.easeMaxItems,
        })
      : await trainItemKnn(matrix, resolved.itemKnn, { workers: context.workers });
  const content = input.content ?? emptyContentInput(nItems);
  return {
    params: {
      algorithm,
      itemKnn: resolved.itemKnn,
      easeLambda: resolved.easeLambda,
      popularity: resolved.popularity,
      content: resolved.content,
      scoring: resolved.scoring,
    },
    trainedAt: context.now,
    counts: { users: input.nUsers, items: nItems, interactions: input.interactions.users.length },
    itemIds: input.itemIds,
    neighbours,
    popularity: computePopularity(input.interactions, nItems, context.now, resolved.popularity),
    content: buildContentVectors(content, resolved.content),
    genreBits: content.genreBits,
    genreNames: input.genreNames ?? [],
  };
}
