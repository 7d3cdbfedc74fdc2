import { ContentInput } from './content/content-features';
import { RecommenderModel } from './model';
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

const history = (items: number[]): Array<{ item: number; value: number; timestamp: number }> =>
  items.map((item) => ({ item, value: 4, timestamp: 1500 }));

describe('recommendForUser', () => {
  let model: RecommenderModel;
  beforeAll(async () => {
    model = await tinyModel();
  });

  it('never returns the user own items nor excluded ones', () => {
    const list = recommendForUser(model, history([0, 2]), { limit: 6, now: 2000, exclude: [4] });
    expect(list.strategy).toBe('collaborative');
    const items = list.items.map((entry) => entry.item);
    expect(items).not.toContain(0);
    expect(items).not.toContain(2);
    expect(items).not.toContain(4);
    expect(items.length).toBe(3);
  });

  it('honours the genre filter', () => {
    const list = recommendForUser(model, history([0, 2]), {
      limit: 5,
      now: 2000,
      filter: { genreMask: 1 },
    });
    expect(list.items.map((entry) => entry.item)).toEqual([4]);
  });

  it('names only the user own items as reasons, shares summing to at most 1', () => {
    const list = recommendForUser(model, history([0, 2]), { limit: 3, now: 2000 });
    for (const entry of list.items) {
      const shares = entry.reasons.reduce((sum, reason) => sum + reason.weight, 0);
      expect(entry.reasons.every((reason) => [0, 2].includes(reason.item))).toBe(true);
      expect(shares).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(list.items[0].reasons.length).toBeGreaterThan(0);
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
  it('lists co-rated neighbours, never the item itself, and content for a cold item', async () => {
    const model = await tinyModel();
    const similar = similarItems(model, 0, 10);
    expect(similar.strategy).toBe('collaborative');
    expect(similar.items.map((entry) => entry.item)).not.toContain(0);
    const cold = similarItems(model, 5, 2);
    expect(cold.strategy).toBe('content');
    expect(cold.items.map((entry) => entry.item)).not.toContain(5);
    expect(similarItems(model, 0, 10, { genreMask: 2 }).items.every((e) => e.item % 2 === 1)).toBe(
      true,
    );
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
    const { indptr, indices } = model.neighbours;
    for (let i = 0; i < 6; i++) {
      expect(Array.from(indices.slice(indptr[i], indptr[i + 1]))).not.toContain(i);
    }
    expect(indices.length).toBeGreaterThan(0);
  });
});
