/** A random generator returning floats in [0, 1). */
export type RandomSource = () => number;

/**
 * mulberry32: a 32-bit seeded generator, small and fast, good enough for shuffles and splits.
 * The same seed always gives the same sequence; no global state.
 */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of `values` in place over positions [start, end), driven by `random`. */
export function shuffleRange(
  values: Int32Array,
  start: number,
  end: number,
  random: RandomSource,
): void {
  for (let i = end - 1; i > start; i--) {
    const j = start + Math.floor(random() * (i - start + 1));
    const swap = values[i];
    values[i] = values[j];
    values[j] = swap;
  }
}
