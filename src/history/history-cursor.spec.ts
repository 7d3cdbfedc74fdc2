import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The same bytes spelled differently: the unused low bits of the last character set. */
function withTrailingBitsSet(cursor: string): string {
  const last = BASE64URL.indexOf(cursor.at(-1)!);
  return cursor.slice(0, -1) + BASE64URL[last | 1];
}

describe('history cursor', () => {
  // 27 + 1 + 1 bytes: not a multiple of 3, so the last character has unused bits.
  const position = { watchedAt: '2026-01-31T12:00:00.123456Z', id: 4 };

  it('round-trips a position through an opaque url-safe string', () => {
    const cursor = encodeHistoryCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2026');
    expect(decodeHistoryCursor(cursor)).toEqual(position);
  });

  it('accepts the first and the last instants PostgreSQL and the cursor can hold', () => {
    for (const watchedAt of ['0001-01-01T00:00:00.000000Z', '9999-12-31T23:59:59.999999Z']) {
      expect(decodeHistoryCursor(encodeHistoryCursor({ watchedAt, id: 1 }))).toEqual({
        watchedAt,
        id: 1,
      });
    }
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc$%^'],
    ['garbage', Buffer.from('hello').toString('base64url')],
    ['a zero id', Buffer.from('2026-01-31T12:00:00.123456Z|0').toString('base64url')],
    [
      'an id past int4',
      Buffer.from('2026-01-31T12:00:00.123456Z|2147483648').toString('base64url'),
    ],
    ['milliseconds only', Buffer.from('2026-01-31T12:00:00.123Z|5').toString('base64url')],
    ['an impossible date', Buffer.from('2026-13-45T12:00:00.123456Z|5').toString('base64url')],
    ['the 30th of February', Buffer.from('2026-02-30T12:00:00.123456Z|5').toString('base64url')],
    [
      'the 29th of February of a common year',
      Buffer.from('2025-02-29T12:00:00.000000Z|5').toString('base64url'),
    ],
    ['24:00', Buffer.from('2026-01-31T24:00:00.000000Z|5').toString('base64url')],
    ['a leap second', Buffer.from('2016-12-31T23:59:60.000000Z|5').toString('base64url')],
    ['year 0', Buffer.from('0000-01-01T00:00:00.000000Z|5').toString('base64url')],
    ['a leading-zero id', Buffer.from('2026-01-31T12:00:00.123456Z|05').toString('base64url')],
    [
      'another base64url spelling of the same bytes',
      withTrailingBitsSet(encodeHistoryCursor(position)),
    ],
  ])('rejects %s', (_case, cursor) => {
    expect(decodeHistoryCursor(cursor)).toBeNull();
  });
});
