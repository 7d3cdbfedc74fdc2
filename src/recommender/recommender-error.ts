/** Stable codes for every failure the recommender core reports. */
export type RecommenderErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_INPUT'
  | 'MODEL_TRUNCATED'
  | 'MODEL_CORRUPT'
  | 'MODEL_BAD_MAGIC'
  | 'MODEL_UNSUPPORTED_VERSION';

/**
 * The one error class of `src/recommender/`: the core cannot import Nest, so callers (service,
 * CLI, worker) map `code` to their own reaction (HTTP status, exit code, log level).
 */
export class RecommenderError extends Error {
  constructor(
    readonly code: RecommenderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RecommenderError';
  }
}
