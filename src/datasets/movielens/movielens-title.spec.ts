import { parseMovieLensTitle } from './movielens-title';

describe('parseMovieLensTitle', () => {
  it.each([
    ['Toy Story (1995)', 'Toy Story', 1995],
    ['American President, The (1995)', 'The American President', 1995],
    [
      'City of Lost Children, The (Cité des enfants perdus, La) (1995)',
      'The City of Lost Children (Cité des enfants perdus, La)',
      1995,
    ],
    ['Babylon 5', 'Babylon 5', null],
    ['Stranger Things (2016- )', 'Stranger Things', 2016],
    ['Misérables, Les (1995) ', 'Les Misérables', 1995],
    ['1984 (1984)', '1984', 1984],
  ])('parses %s', (raw, title, releaseYear) => {
    expect(parseMovieLensTitle(raw)).toEqual({ title, releaseYear });
  });
});
