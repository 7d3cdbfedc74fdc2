import { decodeMovieLensText, detectMovieLensFormat } from './movielens-format';
import {
  parseCsvLine,
  parseGenreLine,
  parseMovieLine,
  parseRatingLine,
  parseTagLine,
} from './movielens-lines';

describe('detectMovieLensFormat', () => {
  it('recognises the three layouts and nothing else', () => {
    expect(detectMovieLensFormat(['u.data', 'u.item', 'u.genre'])?.format).toBe('ml-100k');
    expect(detectMovieLensFormat(['ratings.dat', 'movies.dat', 'tags.dat'])?.tags).toBe('tags.dat');
    expect(detectMovieLensFormat(['ratings.csv', 'movies.csv'])).toMatchObject({
      format: 'ml-csv',
      tags: null,
    });
    expect(detectMovieLensFormat(['README.txt'])).toBeNull();
  });
});

describe('line parsers', () => {
  it('splits quoted CSV with commas, doubled quotes and CRLF', () => {
    expect(parseCsvLine('1,"Father of the Bride Part II, The ""Sequel"" (1995)",Comedy\r')).toEqual(
      ['1', 'Father of the Bride Part II, The "Sequel" (1995)', 'Comedy'],
    );
  });

  it('parses ratings of every format and skips headers', () => {
    const expected = { userId: 196, movieId: 242, rating: 3, timestamp: 881250949 };
    expect(parseRatingLine('ml-100k', '196\t242\t3\t881250949')).toEqual(expected);
    expect(parseRatingLine('ml-dat', '196::242::3::881250949')).toEqual(expected);
    expect(parseRatingLine('ml-csv', '196,242,3.0,881250949\r')).toEqual(expected);
    expect(parseRatingLine('ml-csv', 'userId,movieId,rating,timestamp')).toBeNull();
    expect(parseRatingLine('ml-csv', '')).toBeNull();
  });

  it('parses movies with their genres', () => {
    const flags = '0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0';
    const names = ['unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy'];
    const item = parseMovieLine('ml-100k', `1|Toy Story (1995)|01-Jan-1995||http://x|${flags}`, [
      ...names,
      ...Array.from({ length: 13 }, (_, g) => `g${g}`),
    ]);
    expect(item).toEqual({
      movieId: 1,
      title: 'Toy Story',
      releaseYear: 1995,
      genres: ['Animation', "Children's", 'Comedy'],
    });
    expect(parseMovieLine('ml-dat', '2::Jumanji (1995)::Adventure|Children')?.genres).toEqual([
      'Adventure',
      'Children',
    ]);
    expect(parseMovieLine('ml-csv', '3,"Heat, The (1995)",(no genres listed)')).toEqual({
      movieId: 3,
      title: 'The Heat',
      releaseYear: 1995,
      genres: [],
    });
  });

  it('parses tags and u.genre lines', () => {
    expect(parseTagLine('ml-csv', '15,339,"sandra \'boring\' bullock",1138537770')).toEqual({
      userId: 15,
      movieId: 339,
      tag: "sandra 'boring' bullock",
      timestamp: 1138537770,
    });
    expect(parseTagLine('ml-dat', '15::4973::excellent!::1215184630')?.tag).toBe('excellent!');
    expect(parseGenreLine('Action|1')).toEqual({ name: 'Action', position: 1 });
    expect(parseGenreLine('')).toBeNull();
  });

  it('decodes UTF-8, and Latin-1 when the bytes are not UTF-8', () => {
    expect(decodeMovieLensText(Buffer.from('Amélie', 'utf8'))).toBe('Amélie');
    expect(decodeMovieLensText(Buffer.from('Amélie', 'latin1'))).toBe('Amélie');
  });
});
