import { emptyContentInput } from './content/content-features';
import { RecommenderModel } from './model';
import { trainModel } from './train-model';

/**
 * A fixture of the unit tests (never built into dist): six movies, ids 10-15, items 0-2 Horror
 * (genre bit 0) of the 1980s and 3-5 Comedy (bit 1) of the 2010s, each pair of genres watched by
 * its own user, so that content alone tells them apart.
 */
const YEARS = [1981, 1984, 1987, 2011, 2014, 2017];

export async function twoGenreModel(): Promise<RecommenderModel> {
  const content = emptyContentInput(6);
  content.nGenres = 2;
  content.genreBits.set([1, 1, 1, 2, 2, 2]);
  content.years.set(YEARS);
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
