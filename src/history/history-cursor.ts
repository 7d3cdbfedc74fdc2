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

/** The position in a cursor, or null when it is not one this server made. */
export function decodeHistoryCursor(cursor: string): HistoryPosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const match = DECODED.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || Number.isNaN(Date.parse(match[1])) || Number(match[2]) > 2147483647) return null;
  return { watchedAt: match[1], id: Number(match[2]) };
}
