import {
  EVERY_HELD_OUT,
  LIKED_HELD_OUT,
  labelMetrics,
  scoreEachList,
  scoreLists,
} from './metric-set';

/*
 * Held-out ratings: user 0 rated item 1 at 5, item 2 at 1.5, item 3 at 3; user 1 rated item 4
 * at 2 only. Both get the list [1, 2, 3] (k = 3).
 */
const test = {
  users: Int32Array.from([0, 0, 0, 1]),
  items: Int32Array.from([1, 2, 3, 4]),
  values: Float32Array.from([5, 1.5, 3, 2]),
  timestamps: new Float64Array(4),
};
const lists = [
  { user: 0, items: [1, 2, 3], scores: [1, 0.5, 0.2] },
  { user: 1, items: [4, 2, 3], scores: [1, 0.5, 0.2] },
];

describe('scoreLists', () => {
  it('counts every held-out rating relevant under the published protocol', () => {
    const set = scoreLists(lists, test, 10, 3, EVERY_HELD_OUT);
    // User 0: three hits of three; user 1: one hit of one, at rank 1.
    expect(set).toMatchObject({ users: 2, precision: (3 / 3 + 1 / 3) / 2, ndcg: 1 });
    expect(set.disliked).toBeUndefined();
  });

  it('keeps only ratings of 4 or more relevant under liked-only, and reports dislikes', () => {
    const set = scoreLists(lists, test, 10, 3, LIKED_HELD_OUT);
    // Only user 0 has a liked held-out item (item 1, at rank 1): one user, a perfect nDCG.
    expect(set).toMatchObject({ users: 1, precision: 1 / 3, recall: 1, ndcg: 1, map: 1 });
    // Disliked (<= 2) in the top 3: user 0 item 2, user 1 item 4; averaged over both lists.
    expect(set.disliked).toBeCloseTo((1 / 3 + 1 / 3) / 2, 12);
    expect(set.coverage).toBeCloseTo(4 / 10, 12);
    expect(labelMetrics(set)).toMatchObject({ ndcgAt3: 1, dislikedAt3: set.disliked });
  });
});

describe('scoreEachList', () => {
  it('gives each list its own nDCG (NaN without a relevant item) and disliked@k', () => {
    const each = scoreEachList(lists, test, 3, LIKED_HELD_OUT);
    expect(Array.from(each.ndcg)).toEqual([1, NaN]);
    expect(Array.from(each.disliked)).toEqual([1 / 3, 1 / 3]);
    // Averaged as scoreLists averages.
    const published = scoreEachList(lists, test, 3, EVERY_HELD_OUT);
    expect(Array.from(published.ndcg)).toEqual([1, 1]);
    expect(scoreLists(lists, test, 10, 3, EVERY_HELD_OUT).ndcg).toBe(1);
  });
});
