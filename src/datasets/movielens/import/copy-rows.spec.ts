import { copyText, linkRow, plainRatingChunk, ratingRow, tagRow, userRow } from './copy-rows';
import { BadLineError } from './import-error';

describe('ratingRow', () => {
  it('turns CSV, .dat and u.data lines into the same COPY row', () => {
    expect(ratingRow('csv', '1,31,2.5,1260759144')).toBe('1\t31\t2.5\t1260759144\n');
    expect(ratingRow('dat', '1::31::2.5::1260759144')).toBe('1\t31\t2.5\t1260759144\n');
    expect(ratingRow('tab', '196\t242\t3\t881250949')).toBe('196\t242\t3\t881250949\n');
  });

  it('rejects ratings off the half-step scale, bad ids and wrong field counts', () => {
    expect(() => ratingRow('csv', '1,31,4.25,1')).toThrow(/rating "4.25" is not 0.5 to 5.0/);
    expect(() => ratingRow('csv', '1,31,0,1')).toThrow(BadLineError);
    expect(() => ratingRow('csv', '1,31,,1')).toThrow(/rating ""/);
    expect(() => ratingRow('csv', 'x,31,4,1')).toThrow(/user id "x"/);
    expect(() => ratingRow('csv', '1,0,4,1')).toThrow(/movie id "0"/);
    expect(() => ratingRow('csv', '1,31,4,soon')).toThrow(/timestamp "soon"/);
    expect(() => ratingRow('csv', '1,31,4')).toThrow(/expected 4 fields, found 3/);
  });
});

describe('tagRow', () => {
  it('reads quoted CSV tags with commas and quotes, and escapes them for COPY', () => {
    expect(tagRow('csv', '15,339,"dark, ""gritty""",1138537770')).toBe(
      '15\t339\tdark, "gritty"\t1138537770\n',
    );
  });

  it('keeps "::" inside a .dat tag', () => {
    expect(tagRow('dat', '15::4973::foo::bar::1138537770')).toBe(
      '15\t4973\tfoo::bar\t1138537770\n',
    );
  });
});

describe('linkRow', () => {
  it('prefixes IMDb ids with tt and seven digits, and leaves a missing TMDB id null', () => {
    expect(linkRow('1,0114709,862')).toBe('1\ttt0114709\t862\n');
    expect(linkRow('2,12345,')).toBe('2\ttt0012345\t\\N\n');
  });
});

describe('userRow and copyText', () => {
  it('takes the id of users.dat and u.user lines', () => {
    expect(userRow('dat', '1::F::1::10::48067')).toBe('1\n');
    expect(userRow('pipe', '1|24|M|technician|85711')).toBe('1\n');
  });

  it('escapes backslash, tab and line ends', () => {
    expect(copyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyText('plain')).toBe('plain');
  });
});

describe('plainRatingChunk', () => {
  it('passes chunks of plain rating lines through as COPY text, whatever the separator', () => {
    expect(plainRatingChunk('csv', '1,31,2.5,1260759144\r\n1,32,5.0,1\r\n')).toBe(
      '1\t31\t2.5\t1260759144\n1\t32\t5.0\t1\n',
    );
    expect(plainRatingChunk('dat', '1::31::4::978300760\n')).toBe('1\t31\t4\t978300760\n');
    expect(plainRatingChunk('tab', '196\t242\t3\t881250949\n')).toBe('196\t242\t3\t881250949\n');
  });

  it('leaves anything unusual to the line-by-line parser', () => {
    expect(plainRatingChunk('csv', '1,31,4.25,1\n')).toBeNull();
    expect(plainRatingChunk('csv', '1,31,5.5,1\n')).toBeNull();
    expect(plainRatingChunk('csv', '1,0,4,1\n')).toBeNull();
    expect(plainRatingChunk('csv', '"1",31,4,1\n')).toBeNull();
    expect(plainRatingChunk('csv', '1,31,4,1\n\n')).toBeNull();
    expect(plainRatingChunk('csv', '1234567890,31,4,1\n')).toBeNull();
  });
});
