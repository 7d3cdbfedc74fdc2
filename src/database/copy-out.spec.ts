import { decodeCopyRow } from './copy-out';

describe('decodeCopyRow', () => {
  it('splits on tabs and reads \\N as NULL', () => {
    expect(decodeCopyRow('12\t\\N\t3.5')).toEqual(['12', null, '3.5']);
  });

  it('undoes the escapes COPY writes for tabs, newlines and backslashes', () => {
    expect(decodeCopyRow('a\\tb\tline\\nbreak\tback\\\\slash')).toEqual([
      'a\tb',
      'line\nbreak',
      'back\\slash',
    ]);
  });
});
