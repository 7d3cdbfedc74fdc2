import { similarToUnseenItem } from './cold-item';
import { emptyContentInput } from './content/content-features';
import { trainModel } from './train-model';

/** Six movies: 0-2 are Horror (bit 0) from the 1980s, 3-5 Comedy (bit 1) from the 2010s. */
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

describe('similarToUnseenItem', () => {
  it('ranks items of the same genre and era first', async () => {
    const model = await tinyModel();
    const result = similarToUnseenItem(model, { genreBits: 1, year: 1985 }, 3);
    expect(result.strategy).toBe('content');
    expect(result.items.map((i) => i.item).sort()).toEqual([0, 1, 2]);
  });

  it('honours the genre filter', async () => {
    const model = await tinyModel();
    const result = similarToUnseenItem(model, { genreBits: 1, year: 1985 }, 3, { genreMask: 2 });
    for (const { item } of result.items) expect([3, 4, 5]).toContain(item);
  });
});
