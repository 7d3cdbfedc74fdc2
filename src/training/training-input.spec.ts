import { WATCH_VALUE, allocateInteractions } from '../recommender';
import { MAX_GENRES, buildTrainingInput } from './training-input';

describe('buildTrainingInput', () => {
  const catalog = {
    movieIds: Int32Array.from([10, 20, 30]),
    years: Float32Array.from([1999, NaN, 2010]),
    genres: [
      [0, 'Drama'],
      [1, 'Comedy'],
      [2, 'Comedy'],
      [2, 'Drama'],
      [1, 'Action'],
    ] as Array<[number, string]>,
    terms: [
      [0, 'space'],
      [2, 'heist'],
      [0, 'space'],
    ] as Array<[number, string]>,
  };

  it('orders genre bits by use, ties by name, and sets each movie’s bits', () => {
    const input = buildTrainingInput(catalog, {
      nUsers: 0,
      ratings: allocateInteractions(0),
      watches: allocateInteractions(0),
    });
    expect(input.genreNames).toEqual(['Comedy', 'Drama', 'Action']);
    expect(Array.from(input.content!.genreBits)).toEqual([0b010, 0b101, 0b011]);
    expect(input.content!.nGenres).toBe(3);
  });

  it('maps terms to dense ids in order of first appearance, repeats kept', () => {
    const { content } = buildTrainingInput(catalog, {
      nUsers: 0,
      ratings: allocateInteractions(0),
      watches: allocateInteractions(0),
    });
    expect(Array.from(content!.termItems)).toEqual([0, 2, 0]);
    expect(Array.from(content!.termIds)).toEqual([0, 1, 0]);
    expect(content!.nTerms).toBe(2);
  });

  it('keeps the most used genres when there are more than fit the bitset', () => {
    const genres: Array<[number, string]> = [];
    for (let g = 0; g <= MAX_GENRES; g++) {
      // genre g is used g + 1 times, so genre 0 is the one left out
      for (let use = 0; use <= g; use++) genres.push([0, `genre-${String(g).padStart(2, '0')}`]);
    }
    const input = buildTrainingInput(
      { ...catalog, genres },
      { nUsers: 0, ratings: allocateInteractions(0), watches: allocateInteractions(0) },
    );
    expect(input.genreNames).toHaveLength(MAX_GENRES);
    expect(input.genreNames).not.toContain('genre-00');
    expect(input.genreNames![0]).toBe(`genre-${MAX_GENRES}`);
  });

  it('merges ratings and watches by the feedback rule', () => {
    const ratings = allocateInteractions(1);
    ratings.users[0] = 0;
    ratings.items[0] = 1;
    ratings.values[0] = 2;
    ratings.timestamps[0] = 5;
    const watches = allocateInteractions(2);
    watches.users.set([0, 0]);
    watches.items.set([1, 2]);
    watches.values.set([0.5, 1]);
    watches.timestamps.set([9, 7]);
    const { interactions } = buildTrainingInput(catalog, { nUsers: 1, ratings, watches });
    expect(Array.from(interactions.items)).toEqual([1, 2]);
    // The rating beats the later watch of item 1; item 2 was watched to the end.
    expect(Array.from(interactions.values)).toEqual([2, WATCH_VALUE]);
    expect(Array.from(interactions.timestamps)).toEqual([9, 7]);
  });
});
