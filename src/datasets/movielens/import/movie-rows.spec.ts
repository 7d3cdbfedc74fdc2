import { MovieLensImportError } from './import-error';
import { movieRows, parseGenreNames } from './movie-rows';

describe('movieRows', () => {
  it('parses quoted CSV titles, moves the article, and drops "(no genres listed)"', () => {
    const rows = movieRows(
      'movies.csv',
      'ml-csv',
      'movieId,title,genres\r\n11,"American President, The (1995)",Comedy|Drama|Romance\r\n' +
        '99,Untitled,(no genres listed)\r\n',
    );
    expect(rows.movies).toEqual(['11\tThe American President\t1995\n', '99\tUntitled\t\\N\n']);
    expect(rows.movieGenres).toEqual(['11\tComedy\n', '11\tDrama\n', '11\tRomance\n']);
  });

  it('reads ml-100k genre flags by the positions of u.genre, skipping "unknown"', () => {
    const genres = parseGenreNames('u.genre', 'unknown|0\nAction|1\nComedy|2\n');
    const rows = movieRows(
      'u.item',
      'ml-100k',
      '1|Café (1995)|01-Jan-1995||http://x|0|1|1\n',
      genres,
    );
    expect(rows.movies).toEqual(['1\tCafé\t1995\n']);
    expect(rows.movieGenres).toEqual(['1\tAction\n', '1\tComedy\n']);
  });

  it('takes the year of a u.item release date when the title has none', () => {
    const rows = movieRows('u.item', 'ml-100k', '7|Nameless|01-Jan-1997||http://x|1\n', [
      'unknown',
    ]);
    expect(rows.movies).toEqual(['7\tNameless\t1997\n']);
  });

  it('drops years the schema refuses', () => {
    const rows = movieRows('movies.dat', 'ml-dat', '5::Old Reel (1850)::Documentary\n');
    expect(rows.movies).toEqual(['5\tOld Reel\t\\N\n']);
  });

  it('names the file and line of a malformed movie', () => {
    const run = (): unknown =>
      movieRows('movies.dat', 'ml-dat', '1::Fine (1995)::Drama\n2::Broken (1995)\n');
    expect(run).toThrow(MovieLensImportError);
    expect(run).toThrow('movies.dat line 2: expected 3 fields, found 2');
  });
});
