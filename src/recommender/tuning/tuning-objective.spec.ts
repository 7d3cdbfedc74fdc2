import { PUBLISHED_LOSS_ALLOWED, tuningScore } from './tuning-objective';

const DEFAULTS = { publishedNdcg: 0.2, likedOnlyNdcg: 0.16, disliked: 0.01 };

describe('tuningScore', () => {
  it('is the mean of both protocols’ nDCG@10 for the defaults themselves', () => {
    expect(tuningScore(DEFAULTS, DEFAULTS)).toBeCloseTo(0.18, 12);
  });

  it('weighs a liked-only gain like a published one', () => {
    const liked = tuningScore({ ...DEFAULTS, likedOnlyNdcg: 0.17 }, DEFAULTS);
    const published = tuningScore({ ...DEFAULTS, publishedNdcg: 0.21 }, DEFAULTS);
    expect(liked).toBeCloseTo(0.185, 12);
    expect(published).toBeCloseTo(liked, 12);
  });

  it('takes a rise of disliked@10 off one for one, and gives nothing for a fall', () => {
    expect(tuningScore({ ...DEFAULTS, disliked: 0.014 }, DEFAULTS)).toBeCloseTo(0.176, 12);
    expect(tuningScore({ ...DEFAULTS, disliked: 0.002 }, DEFAULTS)).toBeCloseTo(0.18, 12);
  });

  it('refuses a published loss beyond the allowance, whatever the liked-only gain', () => {
    const within = { ...DEFAULTS, publishedNdcg: 0.2 - PUBLISHED_LOSS_ALLOWED + 1e-9 };
    expect(tuningScore({ ...within, likedOnlyNdcg: 0.2 }, DEFAULTS)).toBeGreaterThan(0.18);
    const beyond = { ...DEFAULTS, publishedNdcg: 0.2 - PUBLISHED_LOSS_ALLOWED - 1e-9 };
    expect(tuningScore({ ...beyond, likedOnlyNdcg: 0.5 }, DEFAULTS)).toBe(-Infinity);
  });
});
