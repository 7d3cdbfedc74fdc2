import { assignmentPoint, resolveShares, variantIndexAt } from './variant-assignment';

describe('assignmentPoint', () => {
  it('is the first 48 bits of SHA-256("<experiment>:<user>") over 2^48', () => {
    // sha256("1:42") = 1d446b526abe... (printed by `printf 1:42 | sha256sum`).
    expect(assignmentPoint(1, 42)).toBe(0x1d446b526abe / 2 ** 48);
    expect(assignmentPoint(1, 42)).toBeCloseTo(0.114325, 6);
  });

  it('gives a user the same point at every call, and an unrelated one in another experiment', () => {
    const first = Array.from({ length: 100 }, (_, user) => assignmentPoint(5, user));
    const again = Array.from({ length: 100 }, (_, user) => assignmentPoint(5, user));
    expect(again).toEqual(first);
    // Same users, experiment 6: half of them (within noise) land on the other side of 0.5.
    const sides = Array.from({ length: 2000 }, (_, user) => [
      assignmentPoint(5, user) < 0.5,
      assignmentPoint(6, user) < 0.5,
    ]);
    const switched = sides.filter(([a, b]) => a !== b).length;
    expect(switched).toBeGreaterThan(900);
    expect(switched).toBeLessThan(1100);
  });

  it('splits 10,000 consecutive user ids evenly: each half within 5 standard deviations', () => {
    const counts = [0, 0];
    for (let user = 1; user <= 10_000; user++) {
      counts[variantIndexAt(assignmentPoint(3, user), [0.5, 0.5])]++;
    }
    // Binomial(10000, 0.5): sd = 50, so 5 sd = 250.
    for (const count of counts) expect(Math.abs(count - 5000)).toBeLessThan(250);
  });

  it('follows uneven shares over many ids (20/30/50)', () => {
    const counts = [0, 0, 0];
    for (let user = 1; user <= 10_000; user++) {
      counts[variantIndexAt(assignmentPoint(9, user), [0.2, 0.3, 0.5])]++;
    }
    // sd = sqrt(10000 p (1 - p)) = 40, 45.8, 50: within 5 sd of 2000, 3000, 5000.
    expect(Math.abs(counts[0] - 2000)).toBeLessThan(200);
    expect(Math.abs(counts[1] - 3000)).toBeLessThan(229);
    expect(Math.abs(counts[2] - 5000)).toBeLessThan(250);
  });
});

describe('variantIndexAt', () => {
  it('puts each point in the variant whose cumulative range holds it', () => {
    const shares = [0.25, 0.25, 0.5];
    expect([0, 0.2499, 0.25, 0.4999, 0.5, 0.9999].map((p) => variantIndexAt(p, shares))).toEqual([
      0, 0, 1, 1, 2, 2,
    ]);
  });

  it('gives the last variant what float rounding leaves above the sum', () => {
    expect(variantIndexAt(0.99999999, [1 / 3, 1 / 3, 1 / 3 - 1e-7])).toBe(2);
  });
});

describe('resolveShares', () => {
  it('splits equally when no variant gives a share', () => {
    expect(resolveShares([undefined, undefined, undefined, undefined])).toEqual({
      shares: [0.25, 0.25, 0.25, 0.25],
    });
  });

  it('keeps given shares that add up to 1, float rounding allowed', () => {
    expect(resolveShares([0.1, 0.2, 0.7])).toEqual({ shares: [0.1, 0.2, 0.7] });
  });

  it('refuses shares that do not add up to 1, or a share on some variants only', () => {
    expect(resolveShares([0.5, 0.6])).toEqual({
      problem: 'Variant shares must add up to 1 (they add up to 1.1)',
    });
    expect(resolveShares([0.5, undefined])).toEqual({
      problem: 'Give every variant a share, or none for an equal split',
    });
  });
});
