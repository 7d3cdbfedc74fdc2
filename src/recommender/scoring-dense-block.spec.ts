import { RecommenderModel } from './model';
import { resolveModelOptions } from './model-options';
import { recommendForUser } from './scoring';

/*
 * Items 0-4. EASE's block covers items 0, 1, 2 with the B of train-ease.spec.ts (row = the
 * user's item, column = the candidate):
 *   B = [[0, 1/3, -1/8], [2/5, 0, 3/8], [-1/5, 1/2, 0]].
 * The table holds each block candidate's positive weights (as trainEase keeps them) and one
 * item-kNN fill row: candidate 3 gets 0.1 from item 0. Item 4 has no neighbours at all.
 * Popularity: 2 above 4, so with no evidence either way 2 lists before 4.
 */
const B = [
  [0, 1 / 3, -1 / 8],
  [2 / 5, 0, 3 / 8],
  [-1 / 5, 1 / 2, 0],
];

function model(withBlock: boolean): RecommenderModel {
  const options = resolveModelOptions({ scoring: { thinHistory: 0 } });
  return {
    params: { ...options, algorithm: 'ease', easeLambda: 1000, easeDenseScoring: withBlock },
    trainedAt: 2000,
    counts: { users: 3, items: 5, interactions: 5 },
    itemIds: Int32Array.from([10, 11, 12, 13, 14]),
    neighbours: {
      nRows: 5,
      nCols: 5,
      indptr: Int32Array.from([0, 1, 3, 4, 5, 5]),
      indices: Int32Array.from([1, 2, 0, 1, 0]),
      values: Float32Array.from([2 / 5, 1 / 2, 1 / 3, 3 / 8, 0.1]),
    },
    ...(withBlock && {
      easeBlock: { items: Int32Array.from([0, 1, 2]), weights: Float32Array.from(B.flat()) },
    }),
    popularity: Float32Array.from([5, 4, 3, 2, 1]),
    content: { dim: 0, values: new Float32Array(0) },
    genreBits: new Uint32Array(5),
    genreNames: [],
  };
}

const likes = (...items: number[]): Array<{ item: number; value: number; timestamp: number }> =>
  items.map((item) => ({ item, value: 5, timestamp: 1500 }));

function ranked(m: RecommenderModel, userItems: ReturnType<typeof likes>) {
  const list = recommendForUser(m, userItems, { limit: 5, now: 2000, explain: false });
  return { strategy: list.strategy, items: list.items.map((r) => [r.item, r.score]) };
}

describe('recommendForUser with EASE’s dense block', () => {
  it('sums every weight of the block, signed: a negative one ranks its candidate below no evidence', () => {
    // Liking item 0: candidate 1 gets 1/3, 2 gets -1/8 (block), 3 gets 0.1 (fill), 4 nothing.
    expect(ranked(model(true), likes(0))).toEqual({
      strategy: 'collaborative',
      items: [
        [1, 1],
        [3, expect.closeTo(0.1 / (1 / 3), 6)],
        [4, 0],
        [2, 0],
      ],
    });
    // The positive table alone leaves 2 without evidence, listed by popularity before 4.
    expect(ranked(model(false), likes(0)).items.map(([item]) => item)).toEqual([1, 3, 2, 4]);
  });

  it('adds the rows of several liked movies, as the sum over the user’s items says', () => {
    // Items 0 and 1 liked: candidate 2 gets -1/8 + 3/8 = 1/4; 3 gets 0.1 from 0.
    expect(ranked(model(true), likes(0, 1)).items).toEqual([
      [2, 1],
      [3, expect.closeTo(0.1 / 0.25, 6)],
      [4, 0],
    ]);
  });

  it('names the liked movies whose block weights made the score, beyond the table’s top ones', () => {
    // The table kept only candidate 1's strongest weight (from item 2), as a small K would; the
    // block still holds B[0][1] = 1/3, which is all of candidate 1's score for a fan of item 0.
    const truncated = model(true);
    const table = {
      ...truncated.neighbours,
      indptr: Int32Array.from([0, 1, 2, 3, 4, 4]),
      indices: Int32Array.from([1, 2, 1, 0]),
      values: Float32Array.from([2 / 5, 1 / 2, 3 / 8, 0.1]),
    };
    const list = recommendForUser({ ...truncated, neighbours: table }, likes(0), {
      limit: 1,
      now: 2000,
    });
    expect(list.items).toEqual([{ item: 1, score: 1, reasons: [{ item: 0, weight: 1 }] }]);
  });

  it('lets a dislike push its neighbours down, never lift the movies unlike it', () => {
    // Item 2 at 0.5 stars: B[2] = [-1/5, 1/2, 0]. Signed, the -1/5 would lift item 0; only the
    // positive 1/2 counts, pushing item 1 down. With no evidence for anything, popularity ranks
    // (its scores are popularity / the best's), item 1's at e^-4 of its own (4/5 of item 0's):
    // it is the only movie the dislike reaches, so the strongest evidence against.
    const disliked = [{ item: 2, value: 0.5, timestamp: 1500 }];
    expect(ranked(model(true), disliked)).toEqual({
      strategy: 'popularity',
      items: [
        [0, 1],
        [3, expect.closeTo(2 / 5, 6)],
        [4, expect.closeTo(1 / 5, 6)],
        [1, expect.closeTo((4 / 5) * Math.exp(-4), 6)],
      ],
    });
  });
});
