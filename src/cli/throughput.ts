/**
 * The shortest time a rate is worth printing for. Below it the count is dominated by start-up
 * cost and timer resolution: 9,125 rows read in 1 ms is not "9,125,000 rows/s".
 */
export const MIN_RATE_ELAPSED_MS = 1000;

/** Items per second, or undefined while too little time has passed to measure one. */
export function ratePerSecond(count: number, elapsedMs: number): number | undefined {
  if (elapsedMs < MIN_RATE_ELAPSED_MS) return undefined;
  return Math.round((count * 1000) / elapsedMs);
}

/** `1,200,000 rows, 240,000 rows/s`, or only the count while no rate can be measured. */
export function formatCountAndRate(count: number, unit: string, elapsedMs: number): string {
  const rate = ratePerSecond(count, elapsedMs);
  const counted = `${count.toLocaleString('en-US')} ${unit}`;
  return rate === undefined ? counted : `${counted}, ${rate.toLocaleString('en-US')} ${unit}/s`;
}
