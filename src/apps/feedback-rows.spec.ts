import { StoredEvent, toBulkRows } from './feedback-rows';

const at = (iso: string): Date => new Date(iso);
const event = (fields: Partial<StoredEvent>): StoredEvent => ({
  userId: 'a',
  movie: { movieId: fields.movieId ?? 1 },
  movieId: 1,
  kind: 'rating',
  value: 4,
  at: null,
  ...fields,
});

describe('toBulkRows', () => {
  const users = new Map([
    ['a', 10],
    ['b', 5],
  ]);

  it('keeps the latest rating per user and movie, an untimed one counting as now', () => {
    const rows = toBulkRows(
      [
        event({ value: 3, at: at('2026-01-02T00:00:00Z') }),
        event({ value: 5, at: at('2026-01-01T00:00:00Z') }),
        event({ userId: 'b', movieId: 2, value: 1, at: at('2026-01-01T00:00:00Z') }),
        event({ userId: 'b', movieId: 2, value: 2 }),
      ],
      users,
    );
    expect(rows.ratings).toEqual({
      userIds: [5, 10],
      movieIds: [2, 1],
      ratings: [2, 3],
      ratedAt: [null, at('2026-01-02T00:00:00Z')],
    });
  });

  it('keeps one watch per user, movie and time with the most progress', () => {
    const t = at('2026-01-01T00:00:00Z');
    const rows = toBulkRows(
      [
        event({ kind: 'watch', value: 0.5, at: t }),
        event({ kind: 'watch', value: 0.9, at: t }),
        event({ kind: 'watch', value: 0.2, at: at('2026-01-03T00:00:00Z') }),
        event({ kind: 'watch', value: 0.3 }),
        event({ kind: 'watch', value: 0.1 }),
      ],
      users,
    );
    expect(rows.watches.progress.sort()).toEqual([0.2, 0.3, 0.9]);
    expect(rows.ratings.userIds).toEqual([]);
  });

  it('keeps the earliest dismissal per user and movie', () => {
    const rows = toBulkRows(
      [
        event({ kind: 'dismissal', value: 1 }),
        event({ kind: 'dismissal', value: 1, at: at('2026-01-05T00:00:00Z') }),
        event({ kind: 'dismissal', value: 1, at: at('2026-01-04T00:00:00Z') }),
      ],
      users,
    );
    expect(rows.dismissals).toEqual({
      userIds: [10],
      movieIds: [1],
      dismissedAt: [at('2026-01-04T00:00:00Z')],
    });
  });
});
