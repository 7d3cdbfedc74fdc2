/**
 * The opaque `before` cursor of GET /v1/users/me/history: base64url of "<watchedAt>|<id>", the
 * keyset position of the last item shown. `watchedAt` keeps PostgreSQL's microseconds so no row
 * is skipped or repeated between pages.
 */
export interface HistoryPosition {
  /** UTC, ISO 8601 with microseconds: 2026-01-31T12:00:00.123456Z */
  watchedAt: string;
  id: number;
}

const DECODED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)\|([1-9]\d{0,9})$/;

export function encodeHistoryCursor(position: HistoryPosition): string {
  return Buffer.from(`${position.watchedAt}|${position.id}`, 'utf8').toString('base64url');
}

/**
 * The position in a cursor, or null when it is not one this server could have made: its
 * timestamp a real instant of years 1..9999 (Date.parse takes 2026-02-30 and 24:00, which
 * PostgreSQL refuses or reads as another instant), its id an int4, and encoding the position
 * again gives back the cursor exactly (base64url has other spellings of the same bytes).
 */
export function decodeHistoryCursor(cursor: string): HistoryPosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const match = DECODED.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !isRealInstant(match[1]) || Number(match[2]) > 2147483647) return null;
  const position = { watchedAt: match[1], id: Number(match[2]) };
  return encodeHistoryCursor(position) === cursor ? position : null;
}

/**
 * Whether `2026-01-31T12:00:00.123456Z` names a real instant: the calendar fields read back
 * unchanged through Date, and the year is one PostgreSQL takes (there is no year 0).
 */
function isRealInstant(watchedAt: string): boolean {
  const toMilliseconds = watchedAt.slice(0, 23);
  const date = new Date(`${toMilliseconds}Z`);
  return (
    !watchedAt.startsWith('0000') &&
    !Number.isNaN(date.getTime()) &&
    date.toISOString().slice(0, 23) === toMilliseconds
  );
}
