import { ContentInput } from './content/content-features';
import { RecommenderModel } from './model';
import { StandIn } from './recommend-types';
import { trainEase } from './ease/train-ease';
import { recommendForUser } from './scoring';
import { closestByContent, similarItems } from './similar-items';
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

const rated = (
  ratings: Array<[item: number, value: number]>,
): Array<{ item: number; value: number; timestamp: number }> =>
  ratings.map(([item, value]) => ({ item, value, timestamp: 1500 }));

/** W(t, n) between an item of two users and one of three sharing one user: W(1, 0) above. */
const W1 = W(1, 2, 3);

describe('recommendForUser', () => {
  let model: RecommenderModel;
  beforeAll(async () => {
    model = await tinyModel();
  });

  it('scores each candidate by the sum of its weights for the user items, best first', () => {
    const list = recommendForUser(model, history([0, 2]), { limit: 3, now: 2000 });
    expect(list.strategy).toBe('collaborative');
    // Candidate 3: W(3, 0) + W(3, 2) = 2 (2/13)^2; 1: W(1, 0) + W(1, 2); 4: W(4, 0) + W(4, 2),
    // each times the weight of a 4-star rating; scores are shares of the best (item 3's).
    expect(list.items.map((entry) => entry.item)).toEqual([3, 1, 4]);
    expect(list.items[0].score).toBe(1);
    expect(list.items[1].score).toBeCloseTo((W1 + W(2, 2, 3)) / (8 / 169), 6);
    expect(list.items[2].score).toBeCloseTo((2 * W1) / (8 / 169), 6);
  });

  it('pushes the neighbours of a disliked item down, below items with no evidence', () => {
    // Item 0 rated 5 (weight 1), item 2 rated 0.5 (weight -0.5). Candidate 3: (1 - 0.5) W(3, 0)
    // = 2/169; 4: (1 - 0.5) W1; 1: W(1, 0) - 0.5 W(1, 2) = W1 - 2 W1 < 0, so it comes after
    // item 5, which nothing speaks for or against (the popularity top-up, score 0).
    const list = recommendForUser(
      model,
      rated([
        [0, 5],
        [2, 0.5],
      ]),
      { limit: 4, now: 2000 },
    );
    expect(list.strategy).toBe('collaborative');
    expect(list.items.map((entry) => entry.item)).toEqual([3, 4, 5, 1]);
    expect(list.items.map((entry) => entry.score)).toEqual([
      1,
      expect.closeTo((0.5 * W1) / (2 / 169), 6),
      0,
      0,
    ]);
    // Only the liked item explains; the disliked one is never a reason.
    expect(list.items[0].reasons).toEqual([{ item: 0, weight: 1 }]);
    expect(list.items[3].reasons).toEqual([]);
  });

  it('with only dislikes ranks by popularity, each pushed down by the evidence against it', () => {
    // Weights -0.5 (item 0 at 0.5 stars) and -0.375 (item 2 at 1 star): candidate 4 gets
    // -0.875 W1, 1 gets -0.5 W1 - 0.375 * 4 W1 = -2 W1, 3 gets -0.875 * 4/169 (the strongest).
    // Each popularity is multiplied by e^(-4 * its evidence / the strongest's).
    const list = recommendForUser(
      model,
      rated([
        [0, 0.5],
        [2, 1],
      ]),
      { limit: 4, now: 2000 },
    );
    expect(list.strategy).toBe('popularity');
    const strongest = (0.875 * 4) / 169;
    const pushed = (item: number, against: number): number =>
      model.popularity[item] * Math.exp((-4 * against) / strongest);
    const scores = new Map([
      [4, pushed(4, 0.875 * W1)],
      [1, pushed(1, 2 * W1)],
      [3, pushed(3, strongest)],
    ]);
    const ranked = [...scores].sort((a, b) => b[1] - a[1]);
    // Item 5, which nobody rated, has no popularity at all: the top-up after them.
    expect(list.items.map((entry) => entry.item)).toEqual([...ranked.map(([item]) => item), 5]);
    const best = ranked[0][1];
    expect(list.items.map((entry) => entry.score)).toEqual([
      ...ranked.map(([, score]) => expect.closeTo(score / best, 6)),
      0,
    ]);
    for (const entry of list.items) expect(entry.reasons).toEqual([]);
  });

  it('with only dislikes keeps a popular film the dislikes barely reach above an obscure one', () => {
    // Item 3 is the most popular candidate and the one item 0's dislike reaches most: pushed to
    // e^-4 of its popularity, it falls below item 4. Made 100 times as popular, it stays first.
    const popularity = Float32Array.from(model.popularity);
    popularity[3] *= 100;
    const popular = { ...model, popularity };
    const list = recommendForUser(popular, rated([[0, 0.5]]), { limit: 3, now: 2000 });
    expect(list.strategy).toBe('popularity');
    expect(list.items[0].item).toBe(3);
  });

  it('names only liked items as reasons: a 3-star rating adds to the score but explains nothing', () => {
    const list = recommendForUser(
      model,
      rated([
        [0, 4],
        [2, 3],
      ]),
      { limit: 3, now: 2000 },
    );
    for (const entry of list.items) expect(entry.reasons.map((reason) => reason.item)).toEqual([0]);
    expect(list.items[0].reasons[0].weight).toBe(1);
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

  it('leaves reasons out, and nothing else, when not asked to explain', () => {
    const explained = recommendForUser(model, history([0, 2]), { limit: 3, now: 2000 });
    const plain = recommendForUser(model, history([0, 2]), { limit: 3, now: 2000, explain: false });
    expect(explained.items.some((item) => item.reasons.length > 0)).toBe(true);
    expect(plain.items).toEqual(explained.items.map((item) => ({ ...item, reasons: [] })));
    expect(plain.strategy).toBe(explained.strategy);
  });

  it('honours the genre filter', () => {
    const list = recommendForUser(model, history([0, 2]), {
      limit: 5,
      now: 2000,
      filter: { genreMask: 1 },
    });
    expect(list.items.map((entry) => entry.item)).toEqual([4]);
    // Still a share of the best candidate before the filter (item 3): a filter changes no score.
    expect(list.items[0].score).toBeCloseTo((2 * W1) / (8 / 169), 6);
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
    // Items 0, 2 and 3 have 3 ratings each: equal scores rank the lower index first, each the
    // most popular (score 1).
    expect(cold.items.map((entry) => [entry.item, entry.score])).toEqual([
      [0, 1],
      [2, 1],
    ]);
    expect(recommendForUser(model, history([0]), { limit: 2, now: 2000 }).strategy).toBe('hybrid');
    expect(recommendForUser(model, history([5]), { limit: 2, now: 2000 }).strategy).toBe('content');
  });

  it('weighs content by popularity for a thin history: the better known of alike films first', () => {
    // Item 1 (a Comedy of 1991) made almost unknown: by content alone it is the second-best
    // match for the Comedy of 2005, ahead of the Drama of 2005 (item 4); weighed by
    // popularity ^ 0.5 (0.1 of its content score) it falls behind item 4.
    const popularity = Float32Array.from(model.popularity);
    popularity[1] = popularity[0] * 0.01;
    const obscure = { ...model, popularity };
    const withExponent = (contentPopularity: number): RecommenderModel => ({
      ...obscure,
      params: { ...obscure.params, scoring: { ...obscure.params.scoring, contentPopularity } },
    });
    const ranked = (m: RecommenderModel): number[] =>
      recommendForUser(m, history([5]), { limit: 3, now: 2000 }).items.map((entry) => entry.item);
    expect(model.params.scoring.contentPopularity).toBe(0.5);
    expect(ranked(withExponent(0))).toEqual([3, 1, 4]);
    expect(ranked(withExponent(0.5))).toEqual([3, 4, 2]);
  });
});

describe('recommendForUser with stand-ins for a movie the model has not seen', () => {
  let model: RecommenderModel;
  /** The same model with no content blend: every list is collaborative, scores by hand. */
  let collaborativeOnly: RecommenderModel;
  beforeAll(async () => {
    model = await tinyModel();
    collaborativeOnly = {
      ...model,
      params: { ...model.params, scoring: { ...model.params.scoring, thinHistory: 0 } },
    };
  });

  /** Stand-ins for one unseen movie (id 99) the user gave `value`: [item, share] pairs. */
  const standIns = (
    value: number,
    shares: Array<[item: number, share: number]>,
  ): Array<{ item: number; value: number; timestamp: number; standIn: StandIn }> =>
    shares.map(([item, share]) => ({
      item,
      value,
      timestamp: 1500,
      standIn: { share, unseen: 99 },
    }));

  it('pulls each stand-in neighbours by its share, names none as a reason, and may list it', () => {
    // A 5 (weight 1) through item 0 at share 1 and item 2 at share 0.25. Candidate 3:
    // W(3, 0) + 0.25 W(3, 2) = 1.25 * 4/169 (the best); 2: W(2, 0) = 4/169; 1: W1 + 0.25
    // W(1, 2); 4: 1.25 W1; 0: 0.25 W(0, 2) = 1/169. The stand-ins are candidates like any other.
    const list = recommendForUser(
      collaborativeOnly,
      standIns(5, [
        [0, 1],
        [2, 0.25],
      ]),
      { limit: 6, now: 2000 },
    );
    expect(list.strategy).toBe('collaborative');
    const best = 5 / 169;
    expect(list.items.map((entry) => [entry.item, entry.score])).toEqual([
      [3, 1],
      [2, expect.closeTo(4 / 169 / best, 6)],
      [1, expect.closeTo((W1 + 0.25 * W(2, 2, 3)) / best, 6)],
      [4, expect.closeTo((1.25 * W1) / best, 6)],
      [0, expect.closeTo(1 / 169 / best, 6)],
      [5, 0],
    ]);
    for (const entry of list.items) expect(entry.reasons).toEqual([]);
  });

  it('with only stand-ins as history blends as for one movie, never falling to popularity', () => {
    const list = recommendForUser(model, standIns(5, [[0, 0.9]]), { limit: 3, now: 2000 });
    expect(list.strategy).toBe('hybrid');
    expect(list.items.length).toBe(3);
  });

  it('keeps the user own rating of an item over a stand-in for it: excluded, and a reason', () => {
    // Item 0 rated 5 by the user, and a stand-in (a 0.5 at share 1) for it that is ignored;
    // item 2 a stand-in for a 5 at share 0.25. Weights {0: 1, 2: 0.25} as in the first test.
    const list = recommendForUser(
      collaborativeOnly,
      [
        { item: 0, value: 5, timestamp: 1400 },
        ...standIns(0.5, [[0, 1]]),
        ...standIns(5, [[2, 0.25]]),
      ],
      { limit: 6, now: 2000 },
    );
    expect(list.items.map((entry) => entry.item)).toEqual([3, 2, 1, 4, 5]);
    for (const entry of list.items.filter((e) => e.score > 0)) {
      expect(entry.reasons.map((reason) => reason.item)).toEqual([0]);
    }
  });

  it('pushes the neighbours of a stand-in for a disliked movie down, not the stand-in itself', () => {
    // Weights {0: 1, 2: -0.5} (a 0.5 through item 2 at share 1). Candidate 2, unseen by the
    // user, keeps what item 0 gives it, W(2, 0) = 4/169; 3: 4/169 - 0.5 * 4/169; 4: 0.5 W1;
    // 1: W1 - 0.5 * 4 W1 < 0, below item 5, which nothing speaks for or against.
    const list = recommendForUser(
      collaborativeOnly,
      [{ item: 0, value: 5, timestamp: 1400 }, ...standIns(0.5, [[2, 1]])],
      { limit: 5, now: 2000 },
    );
    expect(list.items.map((entry) => [entry.item, entry.score])).toEqual([
      [2, 1],
      [3, expect.closeTo(0.5, 6)],
      [4, expect.closeTo((0.5 * W1) / (4 / 169), 6)],
      [5, 0],
      [1, 0],
    ]);
  });
});

/** Cosine of two years' memberships of the decades 1900s..2020s (Gaussians, sigma 10 years). */
function yearCosine(a: number, b: number): number {
  const memberships = (year: number): number[] =>
    Array.from({ length: 13 }, (_, d) => Math.exp(-(((year - (1905 + 10 * d)) / 10) ** 2) / 2));
  const [x, y] = [memberships(a), memberships(b)];
  const dot = (u: number[], v: number[]): number => u.reduce((s, ui, d) => s + ui * v[d], 0);
  return dot(x, y) / Math.sqrt(dot(x, x) * dot(y, y));
}

describe('similarItems', () => {
  it('lists the co-rated neighbours of an item, best first, never the item itself', async () => {
    const model = await tinyModel();
    const similar = similarItems(model, 0, 10);
    expect(similar.strategy).toBe('collaborative');
    // Items 2 and 3 share two users with 0, items 1 and 4 one; equal weights by index.
    expect(similar.items.map((entry) => entry.item)).toEqual([2, 3, 1, 4]);
    // Shares of the closest neighbour's weight, 4/169.
    const expected = [1, 1, W(1, 3, 2) / (4 / 169), W(1, 3, 2) / (4 / 169)];
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
    // Cosines (genre block 1, year block 0.5, over 1.25): the Drama of 2005 0.25 / 1.25 = 0.2,
    // the Comedy of 2000 (1 + 0.25 c) / 1.25 with c the cosine of the two years' blocks; shares
    // of the best.
    const comedy2000 = (1 + 0.25 * yearCosine(2005, 2000)) / 1.25;
    expect(cold.items[0].score).toBe(1);
    expect(cold.items[2].score).toBeCloseTo(0.2 / comedy2000, 5);
  });

  it('lists nothing as like an item whose similarity to everything is 0', () => {
    const none = closestByContent(6, 3, undefined, new Uint32Array(6), () => 0);
    expect(none).toEqual({ strategy: 'content', items: [] });
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
      { lambda: 1, lambdaScale: 8, neighbours: 100, maxItems: 1000, timeBudgetSeconds: 0 },
    );
    expect(model.neighbours).toEqual(ease.table);
    expect(model.params.easeItems).toBe(ease.items);
    const { indptr, indices } = model.neighbours;
    expect(indptr[6]).toBeGreaterThan(0);
    for (let i = 0; i < 6; i++) {
      expect(Array.from(indices.slice(indptr[i], indptr[i + 1]))).not.toContain(i);
    }
  });
});
