import { contentSimilarity } from './content/content-vectors';
import { RecommenderModel } from './model';
import { Reason, Strategy } from './recommend-types';
import { BlockIndex, ScoringIndex } from './scoring-index';

/** Explanations kept per recommended item. */
const MAX_REASONS = 3;

/**
 * Why item c was recommended: the user's liked items (`liked`, see feedback-rule.ts isLiked)
 * that contributed most to its score, each with its share of what the liked items contributed.
 * A movie the user did not like is never named, even when it added to the score (a 3-star
 * "it's OK" adds nothing; a partial watch adds a little). None for popularity.
 */
export function explain(
  model: RecommenderModel,
  index: ScoringIndex,
  strategy: Strategy,
  weights: ReadonlyMap<number, number>,
  liked: ReadonlySet<number>,
  c: number,
): Reason[] {
  if (strategy === 'popularity') return [];
  if (strategy === 'content') return contentReasons(model, weights, liked, c);
  return cfReasons(index, weights, liked, c);
}

/**
 * The liked items with the largest contributions w_n * W(n, c) to candidate c: from EASE's
 * dense block when c is in it (the weights its score was summed from, not only the top ones the
 * table keeps), else from the table.
 */
function cfReasons(
  index: ScoringIndex,
  weights: ReadonlyMap<number, number>,
  liked: ReadonlySet<number>,
  c: number,
): Reason[] {
  if (index.block && index.block.position[c] >= 0) {
    return blockReasons(index.block, weights, liked, c);
  }
  const { reasonRows } = index;
  const contributions: Reason[] = [];
  for (let p = reasonRows.indptr[c]; p < reasonRows.indptr[c + 1]; p++) {
    const item = reasonRows.indices[p];
    const weight = weights.get(item);
    if (weight !== undefined && liked.has(item) && weight * reasonRows.values[p] > 0) {
      contributions.push({ item, weight: weight * reasonRows.values[p] });
    }
  }
  return toShares(contributions);
}

function blockReasons(
  block: BlockIndex,
  weights: ReadonlyMap<number, number>,
  liked: ReadonlySet<number>,
  c: number,
): Reason[] {
  const n = block.items.length;
  const column = block.position[c];
  const contributions: Reason[] = [];
  for (const [item, weight] of weights) {
    const row = block.position[item];
    if (row < 0 || !liked.has(item)) continue;
    const contribution = weight * block.weights[row * n + column];
    if (contribution > 0) contributions.push({ item, weight: contribution });
  }
  return toShares(contributions);
}

/** The liked items whose content is closest to c, weighted by the user's weight. */
function contentReasons(
  model: RecommenderModel,
  weights: ReadonlyMap<number, number>,
  liked: ReadonlySet<number>,
  c: number,
): Reason[] {
  if (model.content.dim === 0) return [];
  const contributions: Reason[] = [];
  for (const [item, weight] of weights) {
    if (!liked.has(item)) continue;
    const share = weight * contentSimilarity(model.content, item, c);
    if (share > 0) contributions.push({ item, weight: share });
  }
  return toShares(contributions);
}

/** Keeps the MAX_REASONS largest contributions, each as a share of all positive ones. */
function toShares(contributions: Reason[]): Reason[] {
  const total = contributions.reduce((sum, reason) => sum + reason.weight, 0);
  return contributions
    .sort((a, b) => b.weight - a.weight || a.item - b.item)
    .slice(0, MAX_REASONS)
    .map((reason) => ({ item: reason.item, weight: reason.weight / total }));
}
