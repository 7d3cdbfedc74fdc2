import { Interactions } from '../interactions';
import { roundHalfToEven, stratifiedSplit } from './split';

/** Item i has (i + 1) * 2 ratings, from distinct users. */
function dataset(nItems: number): Interactions {
  const users: number[] = [];
  const items: number[] = [];
  for (let i = 0; i < nItems; i++) {
    for (let u = 0; u < (i + 1) * 2; u++) {
      users.push(u);
      items.push(i);
    }
  }
  return {
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    values: Float32Array.from(users, () => 4),
    timestamps: Float64Array.from(users, (_, e) => e),
  };
}

const key = (data: Interactions, e: number): string => `${data.users[e]}:${data.items[e]}`;
const keys = (data: Interactions): string[] => Array.from(data.users, (_, e) => key(data, e));

describe('stratifiedSplit', () => {
  const data = dataset(8);

  it('partitions the interactions', () => {
    const { train, test } = stratifiedSplit(data, 8, { seed: 1 });
    const all = [...keys(train), ...keys(test)].sort();
    expect(all).toEqual(keys(data).sort());
  });

  it('gives each item round(0.75 n) training entries, halves to even', () => {
    const { train } = stratifiedSplit(data, 8, { seed: 1 });
    for (let i = 0; i < 8; i++) {
      const n = (i + 1) * 2;
      const inTrain = Array.from(train.items).filter((item) => item === i).length;
      expect(inTrain).toBe(roundHalfToEven(0.75 * n));
    }
    expect([0.5, 1.5, 2.5, 4.5, 7.5, 2.25].map(roundHalfToEven)).toEqual([0, 2, 2, 4, 8, 2]);
  });

  it('repeats with the same seed and differs with another', () => {
    const a = keys(stratifiedSplit(data, 8, { seed: 5 }).test);
    expect(keys(stratifiedSplit(data, 8, { seed: 5 }).test)).toEqual(a);
    expect(keys(stratifiedSplit(data, 8, { seed: 6 }).test)).not.toEqual(a);
  });
});
