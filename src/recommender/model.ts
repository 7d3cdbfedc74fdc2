import { ContentVectors } from './content/content-vectors';
import { ContentOptions } from './content/content-features';
import { DenseBlock } from './ease/dense-block';
import { ItemKnnOptions } from './item-knn/item-knn-options';
import { PopularityOptions } from './popularity';
import { ScoringOptions } from './scoring-options';
import { SparseRows } from './sparse-rows';

/** Which item-item model filled the neighbour table. */
export type ItemAlgorithm = 'item-knn' | 'ease';

/** Every parameter that shaped a model, stored with it (ModelInfo.params). */
export interface ModelParams {
  algorithm: ItemAlgorithm;
  itemKnn: ItemKnnOptions;
  /** L2 penalty of EASE, as the solve used it (when algorithm = 'ease'). */
  easeLambda: number;
  /** Present when λ came from the data: easeLambda = this times the solve's mean count. */
  easeLambdaScale?: number;
  /** EASE only: movies outside the dense solve got item-kNN rows. */
  easeFillRows: boolean;
  /** EASE's cap on movies in the dense solve (absent in models trained before it was stored). */
  easeMaxItems?: number;
  /** Seconds the dense solve was allowed; 0: the cap alone decided. */
  easeTimeBudgetSeconds?: number;
  /** Movies EASE's dense solve covered (0 for item-kNN): the cap, the catalog or the budget. */
  easeItems?: number;
  /** EASE only: scoring sums every weight of the dense solve (`easeBlock`), signed. */
  easeDenseScoring?: boolean;
  popularity: PopularityOptions;
  content: ContentOptions;
  scoring: ScoringOptions;
}

/**
 * A trained recommender: everything serving needs, as typed arrays indexed by dense item index.
 * Immutable once built; `encodeModel` / `decodeModel` move it to and from the artifact.
 */
export interface RecommenderModel {
  params: ModelParams;
  /** Epoch seconds: the "now" training was given (recency is measured from it). */
  trainedAt: number;
  counts: { users: number; items: number; interactions: number };
  /** External (movie) id of each dense item index. */
  itemIds: Int32Array;
  /** Row i: i's neighbours and their weights, best first (see ItemKnnOptions for the formula). */
  neighbours: SparseRows;
  /**
   * EASE with dense scoring: every weight of its solve, which scoring sums in place of the
   * table's rows for the movies it covers. Absent (or empty) otherwise.
   */
  easeBlock?: DenseBlock;
  /** Recency-weighted interaction count per item (see computePopularity). */
  popularity: Float32Array;
  content: ContentVectors;
  /** Bit g set when item i has genre `genreNames[g]`. */
  genreBits: Uint32Array;
  genreNames: string[];
}
