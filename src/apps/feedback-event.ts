import { isISO8601 } from 'class-validator';
import { normaliseImdbId } from '../movies/imdb-id';
import { RATING_VALUES } from '../ratings/rating-scale';
import { APP_USER_ID, APP_USER_ID_RULE } from './app-user-id';

/** How an event names its movie: exactly one of our id, the IMDb id or the TMDB id. */
export type MovieRef = { movieId: number } | { imdbId: string } | { tmdbId: number };

/** One valid event of a batch, in the form the writes take. */
export interface FeedbackEvent {
  userId: string;
  movie: MovieRef;
  kind: 'rating' | 'watch' | 'dismissal';
  /** The rating (0.5..5), the share watched (0..1), or 1 for a dismissal. */
  value: number;
  /** When it happened; null: when stored. */
  at: Date | null;
}

const FIELDS = new Set([
  'userId',
  'movieId',
  'imdbId',
  'tmdbId',
  'rating',
  'progress',
  'dismissed',
  'at',
]);
const MAX_INT4 = 2147483647;

function isId(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_INT4;
}

/**
 * One event of `POST /v1/apps/feedback`, checked on its own so that a bad event is reported
 * by index and the good ones go on: the event, or a message naming the field. `nowMs` bounds
 * `at` (never in the future, as for watchedAt).
 */
export function parseFeedbackEvent(raw: unknown, nowMs: number): FeedbackEvent | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'must be an object';
  const event = raw as Record<string, unknown>;
  const unknown = Object.keys(event).find((key) => !FIELDS.has(key));
  if (unknown !== undefined) return `property ${unknown.slice(0, 40)} should not exist`;
  const userId =
    typeof event.userId === 'number' && isId(event.userId) ? String(event.userId) : event.userId;
  if (typeof userId !== 'string' || !APP_USER_ID.test(userId)) return `userId ${APP_USER_ID_RULE}`;
  const movie = parseMovie(event);
  if (typeof movie === 'string') return movie;
  const signal = parseSignal(event);
  if (typeof signal === 'string') return signal;
  const at = parseAt(event.at, nowMs);
  if (typeof at === 'string') return at;
  return { userId, movie, ...signal, at };
}

function parseMovie(event: Record<string, unknown>): MovieRef | string {
  const given = ['movieId', 'imdbId', 'tmdbId'].filter((key) => event[key] !== undefined);
  if (given.length !== 1) return 'give exactly one of movieId, imdbId, tmdbId';
  if (event.movieId !== undefined) {
    return isId(event.movieId) ? { movieId: event.movieId } : 'movieId must be a positive integer';
  }
  if (event.tmdbId !== undefined) {
    return isId(event.tmdbId) ? { tmdbId: event.tmdbId } : 'tmdbId must be a positive integer';
  }
  const imdbId = typeof event.imdbId === 'string' ? normaliseImdbId(event.imdbId) : null;
  return imdbId ? { imdbId } : 'imdbId must be an IMDb id such as tt0114709';
}

function parseSignal(
  event: Record<string, unknown>,
): Pick<FeedbackEvent, 'kind' | 'value'> | string {
  const given = ['rating', 'progress', 'dismissed'].filter((key) => event[key] !== undefined);
  if (given.length !== 1) return 'give exactly one of rating, progress, dismissed';
  if (event.rating !== undefined) {
    return RATING_VALUES.includes(event.rating as number)
      ? { kind: 'rating', value: event.rating as number }
      : 'rating must be 0.5 to 5.0 in steps of 0.5';
  }
  if (event.progress !== undefined) {
    const progress = event.progress;
    return typeof progress === 'number' && progress >= 0 && progress <= 1
      ? { kind: 'watch', value: progress }
      : 'progress must be a number from 0 to 1';
  }
  return event.dismissed === true
    ? { kind: 'dismissal', value: 1 }
    : 'dismissed must be true (undo a dismissal with DELETE .../dismissals/:movieId)';
}

function parseAt(value: unknown, nowMs: number): Date | null | string {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !isISO8601(value, { strict: true })) {
    return 'at must be an ISO-8601 date-time';
  }
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return 'at must be an ISO-8601 date-time';
  if (at.getTime() > nowMs) return 'at must not be in the future';
  return at;
}
