import { RandomSource } from '../../recommender/seeded-random';

/** A standard normal draw (Box-Muller) from a seeded source. */
export function gaussian(random: RandomSource): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Running sums of `weights`, for sampleIndex. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  return out;
}

/** An index drawn with probability proportional to its weight (binary search, O(log n)). */
export function sampleIndex(cumulative: Float64Array, random: RandomSource): number {
  const target = random() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Rounds to the half-star scale 0.5..5.0. */
export function toHalfStars(value: number): number {
  return Math.min(5, Math.max(0.5, Math.round(value * 2) / 2));
}
