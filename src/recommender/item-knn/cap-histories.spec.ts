import { capUserHistories } from './cap-histories';

describe('capUserHistories', () => {
  const data = {
    users: Int32Array.from([0, 0, 0, 1, 0]),
    items: Int32Array.from([1, 2, 3, 1, 4]),
    values: Float32Array.from([5, 4, 3, 2, 1]),
    timestamps: Float64Array.from([40, 10, 30, 5, 20]),
  };

  it('keeps the most recent interactions of users above the cap, in input order', () => {
    const capped = capUserHistories(data, 2, 2);
    expect(Array.from(capped.users)).toEqual([0, 0, 1]);
    expect(Array.from(capped.items)).toEqual([1, 3, 1]);
    expect(Array.from(capped.values)).toEqual([5, 3, 2]);
    expect(Array.from(capped.timestamps)).toEqual([40, 30, 5]);
  });

  it('returns the input itself with no cap or no user above it', () => {
    expect(capUserHistories(data, 2, 0)).toBe(data);
    expect(capUserHistories(data, 2, 4)).toBe(data);
  });
});
