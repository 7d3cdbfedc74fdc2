/**
 * The one score scale of every strategy, in recommendations and similar-movies lists alike: an
 * item's evidence (collaborative weight sum, content cosine, blend, or popularity) as a share of
 * the strongest candidate's for the same request, so 1 is the best the strategy found and 0.5
 * half its evidence. The strongest candidate is taken before any genre filter (a filter never
 * changes a score) but after the user's own and dismissed movies are set aside. 0 marks an item
 * listed without evidence for it: a popularity top-up, or one the user's dislikes pushed down.
 */
export function toScoreScale(score: number, best: number): number {
  return score > 0 && best > 0 ? Math.min(1, score / best) : 0;
}
