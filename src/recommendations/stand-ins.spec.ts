import { emptyContentInput } from '../recommender/content/content-features';
import { standInsForUnseenItem } from '../recommender/cold-item';
import { trainModel } from '../recommender/train-model';
import { MIN_STAND_IN_SIMILARITY, standInsFor } from './stand-ins';

/** Six movies (ids 10-15): 10-12 Horror of the 1980s, 13-15 Comedy of the 2010s. */
async function tinyModel(): Promise<Awaited<ReturnType<typeof trainModel>>> {
  const content = emptyContentInput(6);
  content.nGenres = 2;
  content.genreBits.set([1, 1, 1, 2, 2, 2]);
  content.years.set([1981, 1984, 1987, 2011, 2014, 2017]);
  const users = [0, 0, 0, 1, 1, 1];
  return trainModel(
    {
      nUsers: 2,
      itemIds: Int32Array.from([10, 11, 12, 13, 14, 15]),
      interactions: {
        users: Int32Array.from(users),
        items: Int32Array.from([0, 1, 2, 3, 4, 5]),
        values: Float32Array.from(users.map(() => 4)),
        timestamps: Float64Array.from(users.map(() => 1000)),
      },
      content,
      genreNames: ['Horror', 'Comedy'],
    },
    { algorithm: 'item-knn' },
    { now: 2000, workers: 0 },
  );
}

describe('standInsFor', () => {
  it('stands the like-genre movies in for a new one, sharing its weight by their cosines', async () => {
    const model = await tinyModel();
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
