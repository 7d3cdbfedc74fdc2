import { ItemAlgorithm } from '../model';
import { ModelOptions, ModelOptionsInput } from '../model-options';
import { SearchDimension, SearchPoint } from './coordinate-search';

/** The hyperparameters tuning may move, named by their path in ModelOptions. */
export type TunedParameter =
  | 'scoring.dislikeWeight'
  | 'scoring.thinHistory'
  | 'easeLambda'
  | 'easeLambdaScale'
  | 'easeMaxItems'
  | 'itemKnn.neighbours'
  | 'itemKnn.shrinkage'
  | 'itemKnn.alpha'
  | 'itemKnn.sharpen';

/** Parameters that only change how a list is scored: the trained table can be reused. */
export const SCORING_ONLY: ReadonlySet<string> = new Set([
  'scoring.dislikeWeight',
  'scoring.thinHistory',
]);

/** What decides which parameters matter and which values make sense. */
export interface SpaceContext {
  /** The algorithm the defaults train: EASE's kNN options only fill rows outside its solve. */
  algorithm: ItemAlgorithm;
  /** Movies with at least one interaction: more in EASE's solve changes nothing. */
  itemsWithInteractions: number;
}

/** Sorted distinct values, the default among them. */
function values(defaultValue: number, candidates: readonly number[]): number[] {
  return [...new Set([defaultValue, ...candidates])].sort((a, b) => a - b);
}

/** Values scaled from the default, since the right size of these depends on the data set. */
function scaled(
  defaultValue: number,
  factors: readonly number[],
  round = (x: number) => x,
): number[] {
  return values(
    defaultValue,
    factors.map((factor) => round(defaultValue * factor)),
  );
}

/**
 * The search space around `options`, cheapest first (the scoring-only parameters reuse one
 * trained table; EASE's movie count costs n^3 and comes last). Values are a few steps around
 * each default: multiples of it where the right size depends on the data (EASE's fixed lambda
 * grows with the interaction counts on the Gram matrix's diagonal, its scale of them less; K,
 * shrinkage, the movie count),
 * and fixed points where the scale is the same for every data set (exponents, the weight of a
 * 0.5-star rating against a 5-star one, the history length of the hybrid blend; neither of the
 * last two is offered 0, which would switch off what issue 15 asks for). With EASE,
 * item-kNN's shrinkage and exponents only shape the rows of movies outside the dense solve (no
 * measured effect on nDCG), so only K, which EASE's rows share, is searched.
 */
export function tuningDimensions(options: ModelOptions, context: SpaceContext): SearchDimension[] {
  // Never 0 unless configured so: 0 turns a behaviour off rather than tuning it (a low rating
  // would stop pushing its neighbours down; thin histories would get no content at all).
  const scoring: SearchDimension[] = [
    {
      name: 'scoring.dislikeWeight',
      values: values(options.scoring.dislikeWeight, [0.25, 0.5, 1]),
    },
    { name: 'scoring.thinHistory', values: values(options.scoring.thinHistory, [5, 10, 20, 40]) },
  ];
  const knn = options.itemKnn;
  if (context.algorithm === 'ease') {
    const solvable = (n: number) => Math.min(Math.round(n), context.itemsWithInteractions, 10000);
    return [
      ...scoring,
      // A fixed λ is searched over a wide range; one scaled from the data already follows the
      // data set's size, so a narrower one around its scale.
      options.easeLambda === null
        ? { name: 'easeLambdaScale', values: scaled(options.easeLambdaScale, [0.5, 0.75, 1.5]) }
        : { name: 'easeLambda', values: scaled(options.easeLambda, [0.3, 0.5, 2]) },
      { name: 'itemKnn.neighbours', values: scaled(knn.neighbours, [0.5, 2, 4], Math.round) },
      {
        name: 'easeMaxItems',
        values: scaled(solvable(options.easeMaxItems), [0.5, 2], solvable),
      },
    ];
  }
  return [
    ...scoring,
    { name: 'itemKnn.neighbours', values: scaled(knn.neighbours, [0.5, 2], Math.round) },
    { name: 'itemKnn.shrinkage', values: scaled(knn.shrinkage, [0.5, 2, 5]) },
    { name: 'itemKnn.alpha', values: values(knn.alpha, [0.1, 0.2, 0.35, 0.5]) },
    { name: 'itemKnn.sharpen', values: values(knn.sharpen, [1, 1.5, 2, 3]) },
  ];
}

/** The point `options` sits at in `dimensions` (EASE's movie count as the solve would use it). */
export function pointOf(
  options: ModelOptions,
  dimensions: readonly SearchDimension[],
): SearchPoint {
  const point: Record<string, number> = {};
  for (const { name, values: candidates } of dimensions) {
    const value = readPath(options, name);
    // easeMaxItems past the movies with interactions is the same solve as at their count.
    point[name] = name === 'easeMaxItems' ? Math.min(value, Math.max(...candidates)) : value;
  }
  return point;
}

/** `options` with every parameter of `point` set to the point's value. */
export function optionsAt(options: ModelOptions, point: SearchPoint): ModelOptionsInput {
  const result: Record<string, unknown> = {
    ...options,
    itemKnn: { ...options.itemKnn },
    popularity: { ...options.popularity },
    content: { ...options.content },
    scoring: { ...options.scoring },
  };
  for (const [name, value] of Object.entries(point)) {
    const [head, tail] = name.split('.');
    if (tail === undefined) result[head] = value;
    else (result[head] as Record<string, unknown>)[tail] = value;
  }
  return result as ModelOptionsInput;
}

/** The parameters where `point` differs from `from`, as { path: value }. */
export function changedValues(from: SearchPoint, point: SearchPoint): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const [name, value] of Object.entries(point))
    if (from[name] !== value) changed[name] = value;
  return changed;
}

function readPath(options: ModelOptions, path: string): number {
  const [head, tail] = path.split('.');
  const node = (options as unknown as Record<string, unknown>)[head];
  const value = tail === undefined ? node : (node as Record<string, unknown>)[tail];
  if (typeof value !== 'number') throw new Error(`tuned parameter ${path} is not a number`);
  return value;
}
