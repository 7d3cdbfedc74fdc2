import {
  NOISE_STANDARD_ERRORS,
  PUBLISHED_LOSS_ALLOWED,
  pairedStandardError,
  tuningObjective,
  tuningScore,
} from './tuning-objective';

const DEFAULTS = { ndcgAt10: 0.2, likedOnlyNdcgAt10: 0.16, dislikedAt10: 0.01 };
const SAME_USERS = Float64Array.from([0.1, 0.2, 0.3, 0.4]);

describe('tuningObjective', () => {
  it('is the mean of both protocols’ nDCG@10 for the defaults themselves', () => {
    expect(tuningObjective(DEFAULTS, DEFAULTS)).toBeCloseTo(0.18, 12);
  });

  it('weighs a liked-only gain like a published one', () => {
    const liked = tuningObjective({ ...DEFAULTS, likedOnlyNdcgAt10: 0.17 }, DEFAULTS);
    const published = tuningObjective({ ...DEFAULTS, ndcgAt10: 0.21 }, DEFAULTS);
    expect(liked).toBeCloseTo(0.185, 12);
    expect(published).toBeCloseTo(liked, 12);
  });

  it('takes a rise of disliked@10 off one for one, and gives nothing for a fall', () => {
    expect(tuningObjective({ ...DEFAULTS, dislikedAt10: 0.014 }, DEFAULTS)).toBeCloseTo(0.176, 12);
    expect(tuningObjective({ ...DEFAULTS, dislikedAt10: 0.002 }, DEFAULTS)).toBeCloseTo(0.18, 12);
  });
});

describe('pairedStandardError', () => {
  it('is the standard deviation of the per-user differences over sqrt(n)', () => {
    // Differences 1, 3, 1, 3: mean 2, sample variance 4/3, so sqrt(4/3) / 2.
    const a = Float64Array.from([1, 3, 1, 3]);
    expect(pairedStandardError(a, new Float64Array(4))).toBeCloseTo(Math.sqrt(4 / 3) / 2, 12);
    // A constant shift has no noise, however large.
    expect(
      pairedStandardError(
        a,
        a.map((x) => x - 5),
      ),
    ).toBe(0);
  });

  it('refuses figures of different users', () => {
    expect(() => pairedStandardError(new Float64Array(2), new Float64Array(3))).toThrow(
      /same users/,
    );
  });
});

describe('tuningScore', () => {
  const defaults = { ...DEFAULTS, perUser: SAME_USERS };

  it('scores the defaults at their objective, and a noise-free gain at its objective', () => {
    expect(tuningScore(defaults, defaults)).toBeCloseTo(0.18, 12);
    const better = {
      ...DEFAULTS,
      likedOnlyNdcgAt10: 0.17,
      perUser: SAME_USERS.map((x) => x + 0.005),
    };
    expect(tuningScore(better, defaults)).toBeCloseTo(0.185, 12);
  });

  it('takes NOISE_STANDARD_ERRORS standard errors of the paired difference off a gain', () => {
    const perUser = Float64Array.from([0.1 + 0.05, 0.2 - 0.04, 0.3 + 0.05, 0.4 - 0.04]);
    const noisy = { ...DEFAULTS, likedOnlyNdcgAt10: 0.17, perUser };
    const noise = pairedStandardError(perUser, SAME_USERS);
    expect(noise).toBeGreaterThan(0);
    expect(tuningScore(noisy, defaults)).toBeCloseTo(0.185 - NOISE_STANDARD_ERRORS * noise, 12);
    expect(tuningScore(noisy, defaults)).toBeLessThan(tuningScore(defaults, defaults));
  });

  it('refuses a published loss beyond the allowance, whatever the liked-only gain', () => {
    const within = { ...defaults, ndcgAt10: 0.2 - PUBLISHED_LOSS_ALLOWED + 1e-9 };
    expect(tuningScore({ ...within, likedOnlyNdcgAt10: 0.2 }, defaults)).toBeGreaterThan(0.18);
    const beyond = { ...defaults, ndcgAt10: 0.2 - PUBLISHED_LOSS_ALLOWED - 1e-9 };
    expect(tuningScore({ ...beyond, likedOnlyNdcgAt10: 0.5 }, defaults)).toBe(-Infinity);
  });
});
