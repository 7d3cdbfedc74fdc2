import { Interactions } from '../interactions';
import { OptionRules, resolveOptions } from '../options';
import { createSeededRandom, shuffleRange } from '../seeded-random';
import { countingOrder } from '../sparse-rows';

/** Options of {@link stratifiedSplit}. */
export interface SplitOptions {
  /** Share of each item's interactions that goes to training. */
  trainRatio: number;
  seed: number;
}

export const DEFAULT_SPLIT_OPTIONS: Readonly<SplitOptions> = Object.freeze({
  trainRatio: 0.75,
  seed: 42,
});

const RULES: OptionRules<SplitOptions> = {
  trainRatio: { kind: 'number', min: 0, max: 1 },
  seed: { kind: 'number', min: 0, max: 2 ** 32 - 1, integer: true },
};

/** A partition of an interaction table. */
export interface Split {
  train: Interactions;
  test: Interactions;
}

/**
 * Python's round(): halves go to the even neighbour (round(2.5) = 2, round(1.5) = 2), which is
 * what the Microsoft Recommenders splitter uses, so our counts per movie match the benchmark's.
 */
export function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * The contract's split: each item's interactions are shuffled with a seeded generator and the
 * first round(trainRatio * n) go to training, the rest to test (stratified by item, so every
 * movie keeps the same share). Same seed, same split; the result partitions the input.
 */
export function stratifiedSplit(
  data: Interactions,
  nItems: number,
  options: Partial<SplitOptions> = {},
): Split {
  const { trainRatio, seed } = resolveOptions(DEFAULT_SPLIT_OPTIONS, RULES, options);
  const byItem = countingOrder(data.items, nItems);
  const random = createSeededRandom(seed);
  const isTrain = new Uint8Array(byItem.length);
  let start = 0;
  while (start < byItem.length) {
    let end = start + 1;
    while (end < byItem.length && data.items[byItem[end]] === data.items[byItem[start]]) end++;
    shuffleRange(byItem, start, end, random);
    const nTrain = roundHalfToEven(trainRatio * (end - start));
    for (let p = start; p < start + nTrain; p++) isTrain[byItem[p]] = 1;
    start = end;
  }
  return { train: selectEntries(data, isTrain, 1), test: selectEntries(data, isTrain, 0) };
}

/** The entries whose flag equals `flag`, in input order. */
function selectEntries(data: Interactions, flags: Uint8Array, flag: number): Interactions {
  const positions: number[] = [];
  for (let e = 0; e < flags.length; e++) if (flags[e] === flag) positions.push(e);
  return {
    users: Int32Array.from(positions, (e) => data.users[e]),
    items: Int32Array.from(positions, (e) => data.items[e]),
    values: Float32Array.from(positions, (e) => data.values[e]),
    timestamps: Float64Array.from(positions, (e) => data.timestamps[e]),
  };
}
