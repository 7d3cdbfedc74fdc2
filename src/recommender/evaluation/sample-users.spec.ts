import { sampleUsers } from './sample-users';

function table(users: number[]): {
  users: Int32Array;
  items: Int32Array;
  values: Float32Array;
  timestamps: Float64Array;
} {
  return {
    users: Int32Array.from(users),
    items: Int32Array.from(users.map((_, e) => e % 7)),
    values: Float32Array.from(users.map(() => 4)),
    timestamps: Float64Array.from(users.map((_, e) => e)),
  };
}

describe('sampleUsers', () => {
  const data = table([0, 0, 0, 1, 1, 2, 2, 2, 2, 3]);

  it('returns the data unchanged when it is small enough', () => {
    expect(sampleUsers(data, 4, 100, 1)).toBe(data);
  });

  it('keeps whole users only, about the requested size', () => {
    const sample = sampleUsers(data, 4, 5, 1);
    const counts = new Map<number, number>();
    sample.users.forEach((u) => counts.set(u, (counts.get(u) ?? 0) + 1));
    const full = new Map([
      [0, 3],
      [1, 2],
      [2, 4],
      [3, 1],
    ]);
    for (const [user, count] of counts) expect(count).toBe(full.get(user));
    expect(sample.users.length).toBeGreaterThanOrEqual(5);
    expect(sample.users.length).toBeLessThan(data.users.length);
  });

  it('repeats with the same seed', () => {
    expect(Array.from(sampleUsers(data, 4, 5, 9).users)).toEqual(
      Array.from(sampleUsers(data, 4, 5, 9).users),
    );
  });
});
