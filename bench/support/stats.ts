/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "median (min–max)" for repeated runs, or the single value for one run. */
export function spread(values: readonly number[], digits = 1): string {
  if (values.length === 0) return 'n/a';
  const fmt = (v: number): string => v.toFixed(digits);
  if (values.length === 1) return fmt(values[0]);
  return `${fmt(median(values))} (${fmt(Math.min(...values))}–${fmt(Math.max(...values))})`;
}

/** "met" / "MISSED" for a target check. */
export function verdict(isMet: boolean): string {
  return isMet ? 'met' : '**MISSED**';
}
