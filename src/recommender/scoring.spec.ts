import { ContentInput } from './content/content-features';
import { RecommenderModel } from './model';
import { trainEase } from './ease/train-ease';
import { recommendForUser } from './scoring';
import { similarItems } from './similar-items';
import { trainModel } from './train-model';

// Items 0-5; genres: bit 0 = Drama (items 0, 2, 4), bit 1 = Comedy (items 1, 3, 5); item 5 unrated.
const ratings: Array<[number, number]> = [
  [0, 0],
  [0, 1],
  [0, 2],
  [1, 0],
  [1, 2],
  [1, 3],
  [2, 1],
  [2, 2],
  [2, 3],
  [2, 4],
  [3, 0],
  [3, 3],
  [3, 4],
];
const interactions = {
  users: Int32Array.from(ratings, ([u]) => u),
  items: Int32Array.from(ratings, ([, i]) => i),
  values: Float32Array.from(ratings, () => 4),
  timestamps: Float64Array.from(ratings, (_, e) => 1000 + e),
};
const content: ContentInput = {
  nItems: 6,
  genreBits: Uint32Array.from([1, 2, 1, 2, 1, 2]),
  nGenres: 2,
  years: Float32Array.from([1990, 1991, 1995, 2000, 2005, 2005]),
  termItems: new Int32Array(0),
  termIds: new Int32Array(0),
  nTerms: 0,
};

async function tinyModel(): Promise<RecommenderModel> {
  return trainModel(
    {
      nUsers: 4,
      itemIds: Int32Array.from([10, 11, 12, 13, 14, 15]),
      interactions,
      content,
      genreNames: ['Drama', 'Comedy'],
    },
    { algorithm: 'item-knn', itemKnn: { minSupport: 1 }, scoring: { thinHistory: 2 } },
    { now: 2000, workers: 0 },
  );
}

/*
 * Users 0: {0, 1, 2}; 1: {0, 2, 3}; 2: {1, 2, 3, 4}; 3: {0, 3, 4}. Counts: items 0, 2, 3 three
 * users each, items 1 and 4 two, item 5 none. With the default similarity (alpha 0.2, shrinkage
 * 10, sharpen 2) row t's weight for n is W(t, n) = (co(t, n) / (count(t)^0.2 count(n)^0.8 + 10))^2:
 * between two items of three users the denominator is 3 + 10 = 13.
 */
const W = (co: number, countT: number, countN: number): number =>
  (co / (Math.pow(countT, 0.2) * Math.pow(countN, 0.8) + 10)) ** 2;

const history = (items: number[]): Array<{ item: number; value: number; timestamp: number }> =>
  items.map((item) => ({ item, value: 4, timestamp: 1500 }));

describe('recommendForUser', () => {
  let model: RecommenderModel;
  beforeAll(async () => {
    model = await tinyModel();
  });

  it('scores each candidate by the sum of its weights for the user items, best first', () => {
    const list = recommendForUser(model, history([0, 2]), { limit: 3, now: 2000 });
    expect(list.strategy).toBe('collaborative');
    // Candidate 3: W(3, 0) + W(3, 2) = 2 (2/13)^2; 1: W(1, 0) + W(1, 2); 4: W(4, 0) + W(4, 2).
    expect(list.items.map((entry) => entry.item)).toEqual([3, 1, 4]);
    expect(list.items[0].score).toBeCloseTo(8 / 169, 6);
    expect(list.items[1].score).toBeCloseTo(W(1, 2, 3) + W(2, 2, 3), 6);
    expect(list.items[2].score).toBeCloseTo(2 * W(1, 2, 3), 6);
  });

  it('never returns the user own items nor excluded ones, and tops up by popularity', () => {
    const list = recommendForUser(model, history([0, 2]), { limit: 6, now: 2000, exclude: [4] });
    expect(list.strategy).toBe('collaborative');
    // 3 and 1 from the neighbours; 5, never rated, only as the popularity top-up (score 0).
    expect(list.items.map((entry) => [entry.item, entry.score === 0])).toEqual([
      [3, false],
      [1, false],
      [5, true],
    ]);
  });

  it('honours the genre filter', () => {
    const list = recommendForUser(model, history([0, 2]), {
      limit: 5,
      now: 2000,
      filter: { genreMask: 1 },
    });
    expect(list.items.map((entry) => entry.item)).toEqual([4]);
  });

  it('names the user own items as reasons with their share of the score', () => {
    const list = recommendForUser(model, history([0, 2]), { limit: 3, now: 2000 });
    const reasons = list.items.map((entry) =>
      entry.reasons.map((reason) => [reason.item, Number(reason.weight.toFixed(6))]),
    );
    // Item 1 shares one user with item 0 and two with item 2: W(1, 2) = 4 W(1, 0), so 0.8 : 0.2.
    expect(reasons).toEqual([
      [
        [0, 0.5],
        [2, 0.5],
      ],
      [
        [2, 0.8],
        [0, 0.2],
      ],
      [
        [0, 0.5],
        [2, 0.5],
      ],
    ]);
  });

  it('falls back to popularity with no history and blends content when it is thin', () => {
    const cold = recommendForUser(model, [], { limit: 2, now: 2000 });
    expect(cold.strategy).toBe('popularity');
    // Items 0, 2 and 3 have 3 ratings each: equal scores rank the lower index first.
    expect(cold.items.map((entry) => entry.item)).toEqual([0, 2]);
    expect(recommendForUser(model, history([0]), { limit: 2, now: 2000 }).strategy).toBe('hybrid');
    expect(recommendForUser(model, history([5]), { limit: 2, now: 2000 }).strategy).toBe('content');
  });
});

describe('similarItems', () => {
  it('lists the co-rated neighbours of an item, best first, never the item itself', async () => {
    const model = await tinyModel();
    const similar = similarItems(model, 0, 10);
    expect(similar.strategy).toBe('collaborative');
    // Items 2 and 3 share two users with 0, items 1 and 4 one; equal weights by index.
    expect(similar.items.map((entry) => entry.item)).toEqual([2, 3, 1, 4]);
    const expected = [4 / 169, 4 / 169, W(1, 3, 2), W(1, 3, 2)];
    similar.items.forEach((entry, rank) => expect(entry.score).toBeCloseTo(expected[rank], 6));
    const comedies = similarItems(model, 0, 10, { genreMask: 2 });
    expect(comedies.items.map((entry) => entry.item)).toEqual([3, 1]);
  });

  it('lists content neighbours for an item nobody rated', async () => {
    const model = await tinyModel();
    const cold = similarItems(model, 5, 3);
    expect(cold.strategy).toBe('content');
    // Item 5 is a Comedy of 2005: the Comedies of 2000 and 1991 first, then the Drama of 2005.
    expect(cold.items.map((entry) => entry.item)).toEqual([3, 1, 4]);
    expect(cold.items[2].score).toBeCloseTo(0.2, 5);
  });
});

describe('model choice', () => {
  it('auto picks EASE for a small catalog and records it; its table never lists an item itself', async () => {
    const model = await trainModel(
      {
        nUsers: 4,
        itemIds: Int32Array.from([10, 11, 12, 13, 14, 15]),
        interactions,
      },
      { easeLambda: 1 },
      { now: 0, workers: 0 },
    );
    expect(model.params.algorithm).toBe('ease');
    // Every rated item is in the dense solve, so no row is filled from item-kNN.
    const ease = trainEase(
      { nUsers: 4, nItems: 6, interactions },
      { lambda: 1, neighbours: 100, maxItems: 1000 },
    );
    expect(model.neighbours).toEqual(ease);
    const { indptr, indices } = model.neighbours;
    expect(indptr[6]).toBeGreaterThan(0);
    for (let i = 0; i < 6; i++) {
      expect(Array.from(indices.slice(indptr[i], indptr[i + 1]))).not.toContain(i);
    }
  });
});
