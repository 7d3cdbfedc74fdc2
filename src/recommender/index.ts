// Public API of the recommender core: what the server, the CLI and workers use.
export { RecommenderError } from './recommender-error';
export type { RecommenderErrorCode } from './recommender-error';
export { Vocabulary } from './vocabulary';
export { TopK } from './top-k';
export type { ScoredIndex } from './top-k';
export { createSeededRandom } from './seeded-random';
export type { RandomSource } from './seeded-random';
export { buildSparseRows, transposeSparseRows } from './sparse-rows';
export type { SparseRows } from './sparse-rows';
export { countReachableItems } from './reachable-items';
export { allocateInteractions, mergeFeedback, sliceInteractions } from './interactions';
export type { Interactions } from './interactions';
export {
  DISMISSAL_VALUE,
  LIKED_VALUE,
  NEUTRAL_VALUE,
  WATCH_VALUE,
  decidesPairValue,
  feedbackValue,
  foldFeedback,
  isLiked,
  preferenceWeight,
} from './feedback-rule';
export type { FeedbackKind, PairFeedback, PreferenceOptions } from './feedback-rule';

export { trainModel, chooseAlgorithm } from './train-model';
export type { TrainingInput, TrainingContext } from './train-model';
export { resolveModelOptions } from './model-options';
export type { ModelOptions, ModelOptionsInput, AlgorithmChoice } from './model-options';
export type { RecommenderModel, ModelParams, ItemAlgorithm } from './model';
export { trainItemKnn } from './item-knn/train-item-knn';
export type { TrainingMatrixInput, TrainingRuntime } from './item-knn/train-item-knn';
export { computeNeighbourBlock, computeItemFactors } from './item-knn/neighbour-block';
export type { NeighbourBlock } from './item-knn/neighbour-block';
export { DEFAULT_ITEM_KNN_OPTIONS, resolveItemKnnOptions } from './item-knn/item-knn-options';
export type { ItemKnnOptions, VectorKind } from './item-knn/item-knn-options';
export { trainEase } from './ease/train-ease';
export { computePopularity } from './popularity';
export type { PopularityOptions } from './popularity';
export { buildContentVectors } from './content/content-vectors';
export type { ContentVectors } from './content/content-vectors';
export type { ContentInput, ContentOptions } from './content/content-features';
export type { ScoringOptions } from './scoring-options';

export { recommendForUser } from './scoring';
export { toScoreScale } from './score-scale';
export { closestByContent, similarItems } from './similar-items';
export type { SimilarItems } from './similar-items';
export type {
  ItemFilter,
  Reason,
  Recommendation,
  RecommendationList,
  RecommendRequest,
  StandIn,
  Strategy,
  UserItem,
} from './recommend-types';

export { protocolSplit, runEvaluationProtocol } from './evaluation/protocol';
export type { ProtocolOptions, ProtocolContext, ProtocolResult } from './evaluation/protocol';
export { evaluateThinHistories } from './evaluation/thin-histories';
export type { ThinHistoriesResult } from './evaluation/thin-histories';
export { EVERY_HELD_OUT, LIKED_HELD_OUT, labelMetrics, scoreLists } from './evaluation/metric-set';
export type { MetricSet, RankedList, Relevance } from './evaluation/metric-set';
export { stratifiedSplit } from './evaluation/split';
export type { Split, SplitOptions } from './evaluation/split';
export * from './evaluation/metrics';

export { tuneModel } from './tuning/tune-model';
export type {
  TuningOptions,
  TuningContext,
  TuningOutcome,
  TuningSummary,
} from './tuning/tune-model';
export type { ValidationFigures } from './tuning/tuning-objective';

export { encodeModel, decodeModel, artifactChecksum, MODEL_FORMAT_VERSION } from './artifact';
