import { twoGenreModel } from './two-genre-model.spec-fixture';
import { similarToUnseenItem, standInsForUnseenItem } from './cold-item';

/** Cosine of two years' memberships of the decades 1900s..2020s (Gaussians, sigma 10 years). */
function yearCosine(a: number, b: number): number {
  const memberships = (year: number): number[] =>
    Array.from({ length: 13 }, (_, d) => Math.exp(-(((year - (1905 + 10 * d)) / 10) ** 2) / 2));
  const [x, y] = [memberships(a), memberships(b)];
  const dot = (u: number[], v: number[]): number => u.reduce((s, ui, d) => s + ui * v[d], 0);
  return dot(x, y) / Math.sqrt(dot(x, x) * dot(y, y));
}

/*
 * No item has terms, so every vector is a unit genre block (weight 1) and a unit year block
 * (weight 0.5), scaled by 1 / sqrt(1.25). Between a one-genre query and an item:
 *   same genre:  (1 + 0.25 c) / 1.25 = 0.8 + 0.2 c,   other genre:  0.25 c / 1.25 = 0.2 c,
 * with c the cosine of the two year blocks.
 */
const sameGenre = (a: number, b: number): number => 0.8 + 0.2 * yearCosine(a, b);
const otherGenre = (a: number, b: number): number => 0.2 * yearCosine(a, b);

describe('similarToUnseenItem', () => {
  it('ranks a Horror movie of 1985 nearest to the Horror movie of 1984, then by year', async () => {
    const model = await twoGenreModel();
    const result = similarToUnseenItem(model, { genreBits: 1, year: 1985 }, 6);
    expect(result.strategy).toBe('content');
    expect(result.items.map((i) => i.item)).toEqual([1, 2, 0, 3, 4, 5]);
    const expected = [
      sameGenre(1985, 1984),
      sameGenre(1985, 1987),
      sameGenre(1985, 1981),
      otherGenre(1985, 2011),
      otherGenre(1985, 2014),
      otherGenre(1985, 2017),
    ];
    // Scores are shares of the best cosine (score-scale.ts): the nearest scores 1.
    result.items.forEach(({ score }, rank) =>
      expect(score).toBeCloseTo(expected[rank] / expected[0], 5),
    );
  });

  it('returns at most `limit` neighbours, the nearest first', async () => {
    const model = await twoGenreModel();
    const result = similarToUnseenItem(model, { genreBits: 2, year: 2015 }, 2);
    expect(result.items.map((i) => i.item)).toEqual([4, 5]);
  });

  it('honours the genre filter: the nearest Comedy to a Horror movie of 1985', async () => {
    const model = await twoGenreModel();
    const result = similarToUnseenItem(model, { genreBits: 1, year: 1985 }, 3, { genreMask: 2 });
    expect(result.items.map((i) => i.item)).toEqual([3, 4, 5]);
    // Still a share of the best cosine over every item, so the filter changes no score.
    expect(result.items[0].score).toBeCloseTo(otherGenre(1985, 2011) / sameGenre(1985, 1984), 5);
  });

  it('without a year ranks by genre alone, equal scores by index, and drops other genres', async () => {
    const model = await twoGenreModel();
    const result = similarToUnseenItem(model, { genreBits: 1, year: null }, 6);
    // The query is its genre axis only: 1 . (1 / sqrt 1.25) with each Horror item, 0 otherwise;
    // three equal cosines, each the best.
    expect(result.items.map((i) => i.item)).toEqual([0, 1, 2]);
    for (const { score } of result.items) expect(score).toBeCloseTo(1, 5);
  });

  it('finds nothing for a movie with a year but none of the model genres', async () => {
    const model = await twoGenreModel();
    // A year alone is no content: without this, every item of the same year would score 1.
    expect(similarToUnseenItem(model, { genreBits: 0, year: 1984 }, 6).items).toEqual([]);
  });

  it('finds nothing for a movie with no genre and no year', async () => {
    const model = await twoGenreModel();
    expect(similarToUnseenItem(model, { genreBits: 0, year: null }, 6)).toEqual({
      strategy: 'content',
      items: [],
    });
  });
});

describe('standInsForUnseenItem', () => {
  it('gives the closest items with their raw cosine, only those above the floor', async () => {
    const model = await twoGenreModel();
    const found = standInsForUnseenItem(model, { genreBits: 1, year: 1985 }, 6, 0.5);
    // The three Horror movies (0.8 and more); the Comedies (0.2 at most) are below 0.5.
    expect(found).toEqual([
      { item: 1, similarity: expect.closeTo(sameGenre(1985, 1984), 6) },
      { item: 2, similarity: expect.closeTo(sameGenre(1985, 1987), 6) },
      { item: 0, similarity: expect.closeTo(sameGenre(1985, 1981), 6) },
    ]);
    expect(standInsForUnseenItem(model, { genreBits: 1, year: 1985 }, 2, 0.5)).toEqual(
      found.slice(0, 2),
    );
  });

  it('finds none for a movie with none of the model genres', async () => {
    const model = await twoGenreModel();
    expect(standInsForUnseenItem(model, { genreBits: 0, year: 1984 }, 5, 0)).toEqual([]);
  });
});
