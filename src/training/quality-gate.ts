/** The quality gate's decision, stored with the version as `metrics.gate`. */
export interface QualityGateDecision {
  passed: boolean;
  servingVersion: number | null;
  servingNdcgAt10: number | null;
  margin: number;
  /** The caller forced the version in (set whether or not the gate would have held it back). */
  forced: boolean;
}

/** What the gate weighs: the new version's nDCG@10 against the serving version's. */
export interface QualityGateInput {
  candidateNdcgAt10: number;
  /** The serving version (its stored metrics; a rollback target too), or null before the first one. */
  serving: { version: number; metrics: { model?: { ndcgAt10?: number } } } | null;
  /** QUALITY_GATE_MARGIN: how far below the serving nDCG@10 the new one may fall. */
  margin: number;
  force: boolean;
}

/**
 * Holds a new version back when its nDCG@10 is more than `margin` below the serving version's,
 * unless forced. The first version (nothing serving, or a serving version without a stored
 * nDCG@10) always passes.
 */
export function qualityGate(input: QualityGateInput): QualityGateDecision {
  const { candidateNdcgAt10, serving, margin, force } = input;
  const servingNdcg = serving?.metrics.model?.ndcgAt10 ?? null;
  const worse = servingNdcg !== null && candidateNdcgAt10 < servingNdcg - margin;
  return {
    passed: force || !worse,
    servingVersion: serving?.version ?? null,
    servingNdcgAt10: servingNdcg,
    margin,
    forced: force,
  };
}
