import { TitleEntry, TitleIndex } from './title-index';

const ENTRIES: TitleEntry[] = [
  ['The Exorcist', 1973, 10, ['horror']],
  ['Exorcist II: The Heretic', 1977, 30, ['horror']],
  ['Exorcist: The Beginning', 2004, 40, ['horror']],
  ['Dominion: Prequel to the Exorcist', 2005, 50, []],
  ['The Thing', 1982, 20, ['horror', 'sci-fi']],
  ['Finishing the Game', 2007, 60, ['comedy']],
  ['The Thing Called Love', 1993, 70, ['drama']],
  ['(500) Days of Summer', null, 5, ['comedy']],
].map(([title, releaseYear, popularity, genres], at) => ({
  id: at + 1,
  title: title as string,
  releaseYear: releaseYear as number | null,
  popularity: popularity as number,
  genres: genres as string[],
}));

describe('TitleIndex', () => {
  let index: TitleIndex;
  const titles = (ids: number[]): string[] => ids.map((id) => ENTRIES[id - 1].title);

  beforeAll(async () => {
    index = await TitleIndex.build(ENTRIES, 3);
  });

  it('puts the exact title first, then whole words, then prefixes, then the most popular', () => {
    const { ids, total } = index.search('exorcist', {}, 0, 10);
    expect(total).toBe(4);
    expect(titles(ids)).toEqual([
      'The Exorcist',
      'Exorcist: The Beginning',
      'Exorcist II: The Heretic',
      'Dominion: Prequel to the Exorcist',
    ]);
  });

  it('ranks whole words above words inside words', () => {
    expect(titles(index.search('the thing', {}, 0, 2).ids)).toEqual([
      'The Thing',
      'The Thing Called Love',
    ]);
  });

  it('matches a misspelling and a prefix with no letters', () => {
    expect(titles(index.search('exorsist', {}, 0, 1).ids)).toEqual(['The Exorcist']);
    expect(titles(index.search('(500', {}, 0, 5).ids)).toEqual(['(500) Days of Summer']);
    expect(index.search('zzzz', {}, 0, 5)).toEqual({ ids: [], total: 0 });
  });

  it('filters by genre and years (a movie without a year is outside any range) and pages', () => {
    expect(
      titles(index.search('exorcist', { genre: 'horror', yearFrom: 1975 }, 0, 10).ids),
    ).toEqual(['Exorcist: The Beginning', 'Exorcist II: The Heretic']);
    expect(index.search('days', { yearTo: 2020 }, 0, 10).total).toBe(0);
    expect(index.search('exorcist', {}, 1, 2)).toEqual({ ids: [3, 2], total: 4 });
    expect(index.size).toBe(ENTRIES.length);
  });
});
