import { copyText, linkRow, ratingRow, tagRow, userRow } from './copy-rows';
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
