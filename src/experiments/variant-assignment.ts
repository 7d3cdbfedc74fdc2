import { hash } from 'node:crypto';

/**
 * How many variants an experiment may have: each one's model is held in memory by every process.
 * The CHECK on experiment_variants.position (0 to 3) holds the same bound in the database.
 */
export const MAX_VARIANTS = 4;

/** Shares are fractions of traffic; their sum may be off 1 by float rounding, by no more. */
const SHARE_SUM_TOLERANCE = 1e-6;

/**
 * Where a user falls in [0, 1) for an experiment: the first 48 bits of SHA-256 of
 * `"<experimentId>:<userId>"` over 2^48 (PostgreSQL's sha256() gives the same, for analysis in
 * SQL). The same pair gives the same point in every process and
 * at every request (no state, no clock, no random), so a user sees one variant for the
 * experiment's whole life; another experiment gives the same user an unrelated point, so one
 * experiment's split does not carry over into the next.
 */
export function assignmentPoint(experimentId: number, userId: number): number {
  // One-shot hash: about half the cost of createHash (a few microseconds under load).
  return hash('sha256', `${experimentId}:${userId}`, 'buffer').readUIntBE(0, 6) / 2 ** 48;
}

/**
 * The index of the variant that `point` falls in: variant i takes [sum of shares before i,
 * sum including i). The last variant also takes whatever float rounding leaves above the sum.
 */
export function variantIndexAt(point: number, shares: readonly number[]): number {
  let cumulative = 0;
  for (let i = 0; i < shares.length - 1; i++) {
    cumulative += shares[i];
    if (point < cumulative) return i;
  }
  return shares.length - 1;
}

/**
 * The variants' shares: as given when every variant gives one, an equal split when none does.
 * Returns a message saying what to fix when some give one and others not, or when the given
 * shares do not add up to 1.
 */
export function resolveShares(
  given: readonly (number | undefined)[],
): { shares: number[] } | { problem: string } {
  if (given.every((share) => share === undefined)) {
    return { shares: given.map(() => 1 / given.length) };
  }
  if (given.some((share) => share === undefined)) {
    return { problem: 'Give every variant a share, or none for an equal split' };
  }
  const shares = given as number[];
  const sum = shares.reduce((total, share) => total + share, 0);
  if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
    return { problem: `Variant shares must add up to 1 (they add up to ${round6(sum)})` };
  }
  return { shares };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
