import { createSeededRandom, shuffleRange } from './seeded-random';

describe('createSeededRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = createSeededRandom(1);
    const b = createSeededRandom(1);
    const c = createSeededRandom(2);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('shuffles only the given range, keeping its elements', () => {
    const values = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    shuffleRange(values, 2, 6, createSeededRandom(3));
    expect(Array.from(values.slice(0, 2))).toEqual([0, 1]);
    expect(Array.from(values.slice(6))).toEqual([6, 7]);
    expect(Array.from(values.slice(2, 6)).sort()).toEqual([2, 3, 4, 5]);
  });
});
