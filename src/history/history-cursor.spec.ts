import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor';

describe('history cursor', () => {
  const position = { watchedAt: '2026-01-31T12:00:00.123456Z', id: 42 };

  it('round-trips a position through an opaque url-safe string', () => {
    const cursor = encodeHistoryCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2026');
    expect(decodeHistoryCursor(cursor)).toEqual(position);
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
  ])('rejects %s', (_case, cursor) => {
    expect(decodeHistoryCursor(cursor)).toBeNull();
  });
});
