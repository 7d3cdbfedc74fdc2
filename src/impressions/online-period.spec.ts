import { daysBackSince } from './online-period';

describe('daysBackSince', () => {
  it('starts at midnight UTC, today counting as the first day', () => {
    const now = new Date('2026-03-10T17:45:00Z');
    expect(daysBackSince(now, 1).toISOString()).toBe('2026-03-10T00:00:00.000Z');
    expect(daysBackSince(now, 14).toISOString()).toBe('2026-02-25T00:00:00.000Z');
  });
});
