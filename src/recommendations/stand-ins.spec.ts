import { twoGenreModel } from '../recommender/two-genre-model.spec-fixture';
import { standInsForUnseenItem } from '../recommender/cold-item';
import { MIN_STAND_IN_SIMILARITY, standInsFor } from './stand-ins';

describe('standInsFor', () => {
  it('stands the like-genre movies in for a new one, sharing its weight by their cosines', async () => {
    const model = await twoGenreModel();
    const genreBit = new Map([
      ['horror', 0],
      ['comedy', 1],
    ]);
    const movies = new Map([
      [100, { genres: ['Horror'], releaseYear: 1985 }],
      [101, { genres: ['Western'], releaseYear: 1985 }],
    ]);
    const unseen = [
      { movieId: 100, value: 5, timestamp: 300 },
      // No genre the model knows: no content, no stand-in.
      { movieId: 101, value: 5, timestamp: 200 },
      // Gone from the catalog since: nothing.
      { movieId: 102, value: 5, timestamp: 100 },
    ];
    const found = standInsForUnseenItem(
      model,
      { genreBits: 1, year: 1985 },
      5,
      MIN_STAND_IN_SIMILARITY,
    );
    expect(found.map((f) => f.item)).toEqual([1, 2, 0]);
    expect(standInsFor({ model, genreBit }, unseen, movies)).toEqual(
      found.map(({ item, similarity }) => ({
        item,
        value: 5,
        timestamp: 300,
        standIn: { share: similarity / 3, unseen: 100 },
      })),
    );
  });
});
