import { tuningLogFields } from './tuning-log';

const SUMMARY = {
  budgetSeconds: 120,
  trials: 24,
  searchMs: 54_285,
  stoppedBy: 'converged' as const,
  chosen: { easeLambda: 1000, 'itemKnn.neighbours': 400 },
  changed: { 'itemKnn.neighbours': 400 },
  validation: {
    users: 670,
    thinUsers: 134,
    defaults: { ndcgAt10: 0.198456, likedOnlyNdcgAt10: 0.17579, dislikedAt10: 0.0083582 },
    chosen: { ndcgAt10: 0.201374, likedOnlyNdcgAt10: 0.181006, dislikedAt10: 0.0086567 },
  },
};

describe('tuningLogFields', () => {
  it('says how many configurations in how long, what changed, and validation before/after', () => {
    expect(tuningLogFields(SUMMARY)).toEqual({
      trials: 24,
      searchSeconds: 54.3,
      budgetSeconds: 120,
      stoppedBy: 'converged',
      changed: { 'itemKnn.neighbours': 400 },
      validationNdcgAt10: { defaults: 0.1985, chosen: 0.2014 },
      validationLikedOnlyNdcgAt10: { defaults: 0.1758, chosen: 0.181 },
      validationDislikedAt10: { defaults: 0.0084, chosen: 0.0087 },
    });
  });

  it('says so when the defaults stayed', () => {
    expect(tuningLogFields({ ...SUMMARY, changed: {} }).changed).toBe('none: defaults kept');
  });
});
