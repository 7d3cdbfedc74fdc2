import { parseFeedbackEvent } from './feedback-event';

const NOW = Date.parse('2026-02-01T12:00:00Z');

describe('parseFeedbackEvent', () => {
  it('reads a rating, a watch and a dismissal, by each kind of movie id', () => {
    expect(parseFeedbackEvent({ userId: 'u-1', movieId: 7, rating: 4.5 }, NOW)).toEqual({
      userId: 'u-1',
      movie: { movieId: 7 },
      kind: 'rating',
      value: 4.5,
      at: null,
    });
    expect(
      parseFeedbackEvent(
        { userId: 42, imdbId: '0114709', progress: 0.25, at: '2026-01-31T20:00:00Z' },
        NOW,
      ),
    ).toEqual({
      userId: '42',
      movie: { imdbId: 'tt0114709' },
      kind: 'watch',
      value: 0.25,
      at: new Date('2026-01-31T20:00:00Z'),
    });
    expect(parseFeedbackEvent({ userId: 'u', tmdbId: 862, dismissed: true }, NOW)).toMatchObject({
      movie: { tmdbId: 862 },
      kind: 'dismissal',
    });
  });

  it.each([
    ['not an object', 'rate', 'must be an object'],
    [
      'an unknown field',
      { userId: 'u', movieId: 1, rating: 4, extra: 1 },
      'property extra should not exist',
    ],
    ['a bad user id', { userId: 'a b', movieId: 1, rating: 4 }, 'userId must be 1 to 128'],
    ['no movie', { userId: 'u', rating: 4 }, 'give exactly one of movieId, imdbId, tmdbId'],
    [
      'two movies',
      { userId: 'u', movieId: 1, tmdbId: 2, rating: 4 },
      'give exactly one of movieId',
    ],
    [
      'a bad movie id',
      { userId: 'u', movieId: 0, rating: 4 },
      'movieId must be a positive integer',
    ],
    ['a bad IMDb id', { userId: 'u', imdbId: 'x', rating: 4 }, 'imdbId must be an IMDb id'],
    ['no signal', { userId: 'u', movieId: 1 }, 'give exactly one of rating, progress, dismissed'],
    [
      'two signals',
      { userId: 'u', movieId: 1, rating: 4, progress: 1 },
      'give exactly one of rating',
    ],
    ['an off-scale rating', { userId: 'u', movieId: 1, rating: 4.2 }, 'rating must be 0.5 to 5.0'],
    [
      'progress past 1',
      { userId: 'u', movieId: 1, progress: 1.5 },
      'progress must be a number from 0 to 1',
    ],
    ['dismissed false', { userId: 'u', movieId: 1, dismissed: false }, 'dismissed must be true'],
    [
      'a malformed time',
      { userId: 'u', movieId: 1, rating: 4, at: 'yesterday' },
      'at must be an ISO-8601',
    ],
    [
      'a future time',
      { userId: 'u', movieId: 1, rating: 4, at: '2026-02-01T12:00:01Z' },
      'at must not be in the future',
    ],
  ])('refuses %s, naming the field', (_name, raw, message) => {
    const result = parseFeedbackEvent(raw, NOW);
    expect(typeof result).toBe('string');
    expect(result).toContain(message);
  });
});
