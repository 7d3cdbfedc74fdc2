import { withinDeadline } from './support/deadline';
import {
  createMovie,
  login,
  ADMIN,
  registerAndLogin,
  startTestApp,
  TestApp,
} from './support/factories';
import { TasteCatalog, seedTasteCatalog } from './support/taste-catalog';
import { waitFor } from './support/wait-for';

interface Item {
  movie: { id: number; genres: string[] };
  score: number;
  reasons?: { movieId: number }[];
}

/**
 * An app's backend with a service key, for its users by its own ids: the same recommendations
 * as accounts (cold start for a user not seen yet, fresh feedback at the next request), users
 * made by their first feedback (once, under concurrency), scopes, and erasure.
 */
/** A recommendation list without the id that names it. */
function unnamed(list: Record<string, unknown>): Record<string, unknown> {
  const { recommendationId, ...rest } = list;
  expect(recommendationId).toMatch(/^[0-9a-f-]{36}$/);
  return rest;
}

describe('apps: users by the app’s own ids', () => {
  let app: TestApp;
  let catalog: TasteCatalog;
  let adminToken: string;
  let key: string;
  let readOnlyKey: string;

  async function createKey(scopes: string[]): Promise<string> {
    const response = await app.http.post('/v1/admin/api-keys', {
      token: adminToken,
      body: { name: scopes.join(' '), scopes },
    });
    expect(response.status).toBe(201);
    return response.body.key;
  }

  const as = (apiKey: string) => ({ headers: { 'x-api-key': apiKey } });

  async function recommended(externalId: string, query = 'limit=10'): Promise<Item[]> {
    const response = await app.http.get(
      `/v1/apps/users/${externalId}/recommendations?${query}`,
      as(key),
    );
    expect(response.status).toBe(200);
    return response.body.items;
  }

  const rate = (externalId: string, movieId: number, rating: number, apiKey = key) =>
    app.http.put(`/v1/apps/users/${externalId}/ratings/${movieId}`, {
      ...as(apiKey),
      body: { rating },
    });

  beforeAll(async () => {
    app = await startTestApp();
    catalog = await seedTasteCatalog(app.database);
    adminToken = (await login(app.http, ADMIN.email, ADMIN.password)).accessToken;
    const started = await app.http.post('/v1/recommendations/model/retrain', {
      token: adminToken,
    });
    expect(started.status).toBe(202);
    await waitFor(async () => {
      const { body } = await app.http.get('/v1/recommendations/model');
      return body.version === started.body.version ? true : undefined;
    }, 'the first model');
    key = await createKey(['recommendations:read', 'feedback:write']);
    readOnlyKey = await createKey(['recommendations:read']);
  }, 120000);

  afterAll(async () => app?.stop());

  it('gives a user never seen the cold-start list a new account gets, and creates nobody', async () => {
    const account = await registerAndLogin(app.http, 'cold');
    const mine = await app.http.get('/v1/users/me/recommendations?limit=10', {
      token: account.accessToken,
    });
    const theirs = await app.http.get(
      '/v1/apps/users/never-seen/recommendations?limit=10',
      as(key),
    );
    expect(theirs.status).toBe(200);
    // Every list has a recommendationId of its own; the rest is the same.
    expect(unnamed(theirs.body)).toEqual(unnamed(mine.body));
    const rows = await app.database.query(`SELECT id FROM users WHERE app_user_id = 'never-seen'`);
    expect(rows).toEqual([]);
  });

  it('recommends from feedback given a moment ago, with reasons, as for an account', async () => {
    const horror = catalog.moviesByGenre.Horror;
    for (const movie of horror.slice(0, 4))
      expect((await rate('fan-1', movie, 5)).status).toBe(200);
    const items = await recommended('fan-1', 'limit=5&explain=true');
    expect(items).toHaveLength(5);
    for (const item of items) {
      expect(item.movie.genres).toEqual(['Horror']);
      expect(horror.slice(0, 4)).not.toContain(item.movie.id);
      expect(item.reasons!.length).toBeGreaterThan(0);
    }
    // A dismissal takes effect at the next request.
    const top = items[0].movie.id;
    const dismissed = await app.http.put(`/v1/apps/users/fan-1/dismissals/${top}`, as(key));
    expect(dismissed.status).toBe(200);
    expect((await recommended('fan-1', 'limit=20')).map((i) => i.movie.id)).not.toContain(top);
    const genre = await recommended('fan-1', 'limit=5&genre=Comedy');
    expect(genre.every((item) => item.movie.genres.includes('Comedy'))).toBe(true);
  });

  it('keeps ratings, history and dismissals per app user, listed like an account’s', async () => {
    const [a, b] = catalog.moviesByGenre.Romance;
    expect((await rate('list-1', a, 4.5)).body).toEqual({
      movieId: a,
      rating: 4.5,
      ratedAt: expect.any(String),
    });
    const watch = await app.http.post('/v1/apps/users/list-1/history', {
      ...as(key),
      body: { movieId: b, progress: 0.5 },
    });
    expect(watch.status).toBe(201);
    const ratings = await app.http.get('/v1/apps/users/list-1/ratings', as(key));
    expect(ratings.body).toMatchObject({ total: 1, items: [{ movie: { id: a }, rating: 4.5 }] });
    const history = await app.http.get('/v1/apps/users/list-1/history', as(key));
    expect(history.body).toMatchObject({ items: [{ movie: { id: b }, progress: 0.5 }] });
    expect((await app.http.delete(`/v1/apps/users/list-1/ratings/${a}`, as(key))).status).toBe(204);
    expect((await app.http.delete(`/v1/apps/users/list-1/ratings/${a}`, as(key))).status).toBe(404);
    const empty = await app.http.get('/v1/apps/users/nobody/ratings', as(key));
    expect(empty.body).toEqual({ items: [], total: 0, page: 1, limit: 20 });
  });

  it('makes one user from concurrent first feedback', async () => {
    const movies = catalog.moviesByGenre.Comedy.slice(0, 8);
    const responses = await Promise.all(movies.map((movie) => rate('race-1', movie, 4)));
    expect(responses.map((r) => r.status)).toEqual(movies.map(() => 200));
    const rows = await app.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE app_user_id = 'race-1'`,
    );
    expect(rows).toEqual([{ n: 1 }]);
    const ratings = await app.http.get('/v1/apps/users/race-1/ratings', as(key));
    expect(ratings.body.total).toBe(8);
  });

  it('refuses writes outside the key’s scopes (403), bad ids (400) and unknown movies (404)', async () => {
    const movie = catalog.moviesByGenre.Comedy[0];
    const forbidden = await rate('scoped', movie, 4, readOnlyKey);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toBe('This API key lacks the scope feedback:write');
    expect(
      (await app.http.get('/v1/apps/users/scoped/recommendations', as(readOnlyKey))).status,
    ).toBe(200);
    expect((await app.http.get('/v1/apps/users/scoped/recommendations')).status).toBe(401);
    const account = await registerAndLogin(app.http, 'bearer');
    expect(
      (await app.http.get('/v1/apps/users/scoped/recommendations', { token: account.accessToken }))
        .status,
    ).toBe(401);
    expect((await rate('has%20space', movie, 4)).status).toBe(400);
    expect((await rate('x'.repeat(129), movie, 4)).status).toBe(400);
    expect((await rate('scoped', movie, 4.2)).status).toBe(400);
    const unknown = await rate('scoped', 999999, 4);
    expect(unknown.status).toBe(404);
    // Refused input made no user.
    const rows = await app.database.query(`SELECT id FROM users WHERE app_user_id = 'scoped'`);
    expect(rows).toEqual([]);
  });

  it('keeps app users apart from accounts', async () => {
    const account = await registerAndLogin(app.http, 'apart');
    const movie = catalog.moviesByGenre.Horror[5];
    await app.http.put(`/v1/users/me/ratings/${movie}`, {
      token: account.accessToken,
      body: { rating: 5 },
    });
    // The account's id and email name no app user.
    for (const id of [String(account.id), account.email]) {
      const list = await app.http.get(`/v1/apps/users/${encodeURIComponent(id)}/ratings`, as(key));
      expect(list.body.total).toBe(0);
    }
    expect((await rate(String(account.id), movie, 1)).status).toBe(200);
    const mine = await app.http.get('/v1/users/me/ratings', { token: account.accessToken });
    expect(mine.body.items).toMatchObject([{ movie: { id: movie }, rating: 5 }]);
  });

  it('erases a user with everything of theirs, idempotently', async () => {
    const [a, b, c] = catalog.moviesByGenre.Horror;
    await rate('erase-me', a, 5);
    await app.http.post('/v1/apps/users/erase-me/history', { ...as(key), body: { movieId: b } });
    await app.http.put(`/v1/apps/users/erase-me/dismissals/${c}`, as(key));
    const [{ id }] = await app.database.query<{ id: number }>(
      `SELECT id FROM users WHERE app_user_id = 'erase-me'`,
    );
    expect((await app.http.delete('/v1/apps/users/erase-me', as(readOnlyKey))).status).toBe(403);
    expect((await app.http.delete('/v1/apps/users/erase-me', as(key))).status).toBe(204);
    const left = await app.database.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM users WHERE id = $1)
            + (SELECT count(*) FROM ratings WHERE user_id = $1)
            + (SELECT count(*) FROM watch_history WHERE user_id = $1)
            + (SELECT count(*) FROM dismissals WHERE user_id = $1) AS n`,
      [id],
    );
    expect(Number(left[0].n)).toBe(0);
    expect((await app.http.delete('/v1/apps/users/erase-me', as(key))).status).toBe(204);
    const after = await app.http.get('/v1/apps/users/erase-me/recommendations', as(key));
    const cold = await app.http.get('/v1/apps/users/never-seen-2/recommendations', as(key));
    expect(unnamed(after.body)).toEqual(unnamed(cold.body));
  });

  describe('POST /v1/apps/feedback', () => {
    const send = (events: unknown[], apiKey = key) =>
      app.http.post('/v1/apps/feedback', { ...as(apiKey), body: { events } });

    async function stateOf(appUserIds: string[]): Promise<unknown[]> {
      return app.database.query(
        `SELECT u.app_user_id, 'rating' AS kind, r.movie_id, r.rating::float8 AS value, r.rated_at AS at
           FROM users u JOIN ratings r ON r.user_id = u.id WHERE u.app_user_id = ANY($1)
         UNION ALL
         SELECT u.app_user_id, 'watch', w.movie_id, w.progress::float8, w.watched_at
           FROM users u JOIN watch_history w ON w.user_id = u.id WHERE u.app_user_id = ANY($1)
         UNION ALL
         SELECT u.app_user_id, 'dismissal', d.movie_id, 1, d.dismissed_at
           FROM users u JOIN dismissals d ON d.user_id = u.id WHERE u.app_user_id = ANY($1)
         ORDER BY 1, 2, 3, 5`,
        [appUserIds],
      );
    }

    it('stores the good events of a batch in one go, reports the bad ones by index, and is idempotent', async () => {
      const [h1, h2, h3] = catalog.moviesByGenre.Horror;
      const [c1] = catalog.moviesByGenre.Comedy;
      const catalogKey = await createKey(['catalog:write']);
      const synced = await app.http.put('/v1/movies/by-imdb/tt7654321', {
        ...as(catalogKey),
        body: { title: 'Synced Horror', genres: ['Horror'], tmdbId: 765432 },
      });
      expect(synced.status).toBe(201);
      const events = [
        { userId: 'batch-1', movieId: h1, rating: 5, at: '2026-01-01T10:00:00Z' },
        { userId: 'batch-1', imdbId: 'tt7654321', progress: 0.9, at: '2026-01-01T11:00:00Z' },
        { userId: 'batch-1', movieId: h2, rating: 4.2 },
        { userId: 'batch-2', tmdbId: 765432, rating: 4, at: '2026-01-02T10:00:00Z' },
        { userId: 'batch-2', movieId: 999999, rating: 4 },
        { userId: 'batch-2', movieId: c1, dismissed: true, at: '2026-01-03T10:00:00Z' },
        { userId: 'bad id', movieId: h3, rating: 4 },
        { userId: 'batch-1', movieId: h3, rating: 4.5, at: '2026-01-01T12:00:00Z' },
      ];
      const first = await send(events);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        received: 8,
        accepted: 5,
        errors: [
          { index: 2, message: 'rating must be 0.5 to 5.0 in steps of 0.5' },
          { index: 4, message: 'Movie 999999 is not in the catalog' },
          { index: 6, message: expect.stringContaining('userId must be') },
        ],
      });
      const stored = await stateOf(['batch-1', 'batch-2']);
      expect(stored).toHaveLength(5);
      expect(stored).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            app_user_id: 'batch-1',
            kind: 'rating',
            movie_id: h1,
            value: 5,
          }),
          expect.objectContaining({
            app_user_id: 'batch-1',
            kind: 'watch',
            movie_id: synced.body.id,
          }),
          expect.objectContaining({
            app_user_id: 'batch-2',
            kind: 'rating',
            movie_id: synced.body.id,
            value: 4,
          }),
          expect.objectContaining({ app_user_id: 'batch-2', kind: 'dismissal', movie_id: c1 }),
        ]),
      );
      // The same batch again changes nothing; an older rating does not undo a newer one.
      expect((await send(events)).body.accepted).toBe(5);
      expect(await stateOf(['batch-1', 'batch-2'])).toEqual(stored);
      await send([{ userId: 'batch-1', movieId: h1, rating: 1, at: '2025-12-31T10:00:00Z' }]);
      expect(await stateOf(['batch-1', 'batch-2'])).toEqual(stored);
      // The batch's user is served like any other, from the fresh feedback.
      const items = await recommended('batch-1', 'limit=5');
      expect(items.map((i) => i.movie.id)).not.toContain(h1);
      expect(items.every((i) => i.movie.genres.includes('Horror'))).toBe(true);
    });

    it('stores nothing from a batch that is all bad, and refuses bad batches whole', async () => {
      const all = await send([{ userId: 'nobody-batch', movieId: 999999, rating: 4 }, 'x']);
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ received: 2, accepted: 0 });
      expect(
        await app.database.query(`SELECT 1 FROM users WHERE app_user_id = 'nobody-batch'`),
      ).toEqual([]);
      const movie = catalog.moviesByGenre.Comedy[3];
      const many = Array.from({ length: 1001 }, (_, i) => ({
        userId: `m-${i}`,
        movieId: movie,
        rating: 4,
      }));
      expect((await send(many)).status).toBe(400);
      expect((await send([])).status).toBe(400);
      const empty = await app.http.post('/v1/apps/feedback', { ...as(key), body: {} });
      expect(empty.status).toBe(400);
      expect(empty.body.errors).toEqual(['events must be an array']);
      const extra = await app.http.post('/v1/apps/feedback', {
        ...as(key),
        body: { events: [{ userId: 'extra', movieId: movie, rating: 4 }], dryRun: true },
      });
      expect(extra.status).toBe(400);
      expect(extra.body.errors).toEqual(['dryRun: property dryRun should not exist']);
      expect((await send(many)).body.errors).toEqual([
        'events must contain no more than 1000 elements',
      ]);
      const huge = JSON.stringify({
        events: [
          { userId: 'x'.repeat(128), movieId: movie, rating: 4, at: 'y'.repeat(1100 * 1024) },
        ],
      });
      expect((await app.http.post('/v1/apps/feedback', { ...as(key), rawBody: huge })).status).toBe(
        413,
      );
      expect((await send([{ userId: 'x', movieId: movie, rating: 4 }], readOnlyKey)).status).toBe(
        403,
      );
      expect((await app.http.post('/v1/apps/feedback', { body: { events: [] } })).status).toBe(401);
    });

    it('takes 1,000 events of 1,000 new users in one request', async () => {
      const movies = catalog.moviesByGenre.Romance;
      const events = Array.from({ length: 1000 }, (_, i) => ({
        userId: `bulk-${i}`,
        movieId: movies[i % movies.length],
        rating: 0.5 + (i % 10) / 2,
      }));
      const response = await send(events);
      expect(response.body).toEqual({ received: 1000, accepted: 1000, errors: [] });
      const [{ n }] = await app.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM users u JOIN ratings r ON r.user_id = u.id
          WHERE u.app_user_id LIKE 'bulk-%'`,
      );
      expect(n).toBe(1000);
    });

    it('keeps every movie’s rating aggregate exact under concurrent batches over the same movies', async () => {
      // Twelve batches in flight, each over the same movies in its own order: one UPDATE per
      // statement must add every batch's delta once, with no lost update and no deadlock.
      const movies = [...catalog.moviesByGenre.Horror, ...catalog.moviesByGenre.Comedy];
      const batches = Array.from({ length: 6 }, (_, b) =>
        Array.from({ length: 150 }, (_, i) => ({
          userId: `agg-${b}-${i % 10}`,
          movieId: movies[(i * (b + 1) + b) % movies.length],
          rating: 0.5 + ((i + b) % 10) / 2,
          at: new Date(Date.UTC(2026, 0, 1, b, 0, i)).toISOString(),
        })),
      );
      const responses = await Promise.all([...batches, ...batches].map((events) => send(events)));
      for (const response of responses) expect(response.status).toBe(200);
      const wrong = await app.database.query(
        `SELECT m.id FROM movies m
           LEFT JOIN (SELECT movie_id, count(*)::int AS n, avg(rating::float8) AS mean
                        FROM ratings GROUP BY movie_id) a ON a.movie_id = m.id
          WHERE m.rating_count <> coalesce(a.n, 0) OR m.rating_mean IS DISTINCT FROM a.mean`,
      );
      expect(wrong).toEqual([]);
      const [{ n }] = await app.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM users u JOIN ratings r ON r.user_id = u.id
          WHERE u.app_user_id LIKE 'agg-%'`,
      );
      const pairs = new Set(batches.flat().map((e) => `${e.userId} ${e.movieId}`));
      expect(n).toBe(pairs.size);
    });

    it('orders each batch wholly before or after its user’s concurrent erasure, never 500', async () => {
      const [h0] = catalog.moviesByGenre.Horror;
      for (let round = 0; round < 10; round++) {
        const userId = `erase-race-${round}`;
        const before = await send([{ userId, movieId: h0, rating: 2 }]);
        expect(before.body).toEqual({ received: 1, accepted: 1, errors: [] });
        // Batch i: a rating, a watch and a dismissal of its own three movies.
        const batches = Array.from({ length: 10 }, (_, i) => [
          { userId, movieId: catalog.moviesByGenre.Horror[i + 1], rating: 4 },
          {
            userId,
            movieId: catalog.moviesByGenre.Comedy[i],
            progress: 0.5,
            at: '2026-01-01T10:00:00Z',
          },
          { userId, movieId: catalog.moviesByGenre.Romance[i], dismissed: true },
        ]);
        // Half the batches go first; when one is answered, the erasure and the other half go.
        const first = batches.slice(0, 5).map((events) => send(events));
        const erased = Promise.race(first).then(() =>
          app.http.delete(`/v1/apps/users/${userId}`, as(key)),
        );
        const second = Promise.race(first).then(() =>
          Promise.all(batches.slice(5).map((events) => send(events))),
        );
        const [responses, erasure] = await withinDeadline(
          20000,
          `round ${round} of batches racing an erasure`,
          Promise.all([Promise.all([...first, second]).then((all) => all.flat()), erased]),
        );
        expect(erasure.status).toBe(204);
        for (const response of responses) {
          expect(response.status).toBe(200);
          expect(response.body).toEqual({ received: 3, accepted: 3, errors: [] });
        }
        // The erasure came after the first rating: that is gone. What is left is the batches
        // that landed after the erasure, each whole, on the user made again by the first of them.
        const state = (await stateOf([userId])) as { kind: string; movie_id: number }[];
        const kept = batches.filter((events) =>
          state.some((row) => row.kind === 'rating' && row.movie_id === events[0].movieId),
        );
        const expected = kept.flatMap((events) => [
          { kind: 'rating', movie_id: events[0].movieId },
          { kind: 'watch', movie_id: events[1].movieId },
          { kind: 'dismissal', movie_id: events[2].movieId },
        ]);
        const sortKey = (row: { kind: string; movie_id: number }) => `${row.kind} ${row.movie_id}`;
        const actual = state.map((row) => ({ kind: row.kind, movie_id: row.movie_id }));
        expect(actual.sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
          expected.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
        );
        const users = await app.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM users WHERE app_user_id = $1`,
          [userId],
        );
        expect(users).toEqual([{ n: kept.length > 0 ? 1 : 0 }]);
      }
    });

    it('reports the events of a movie deleted during the batch as not in the catalog, never 500', async () => {
      const [h0] = catalog.moviesByGenre.Horror;
      for (let round = 0; round < 10; round++) {
        const { id: movieId } = await createMovie(app.http, adminToken, {
          title: `Deleted Mid-Batch ${round}`,
        });
        // Batch i, for its own user: a rating, a watch and a dismissal of the movie, and a
        // rating of a movie that stays.
        const batches = Array.from({ length: 10 }, (_, i) => {
          const userId = `movie-race-${round}-${i}`;
          return [
            { userId, movieId, rating: 4 },
            { userId, movieId, progress: 1, at: '2026-01-01T10:00:00Z' },
            { userId, movieId, dismissed: true },
            { userId, movieId: h0, rating: 3 },
          ];
        });
        // Half the batches go first; when one is answered, the deletion and the other half go.
        const first = batches.slice(0, 5).map((events) => send(events));
        const deleted = Promise.race(first).then(() =>
          app.http.delete(`/v1/movies/${movieId}`, { token: adminToken }),
        );
        const second = Promise.race(first).then(() =>
          Promise.all(batches.slice(5).map((events) => send(events))),
        );
        const [responses, deletion] = await withinDeadline(
          20000,
          `round ${round} of batches racing a movie's deletion`,
          Promise.all([Promise.all([...first, second]).then((all) => all.flat()), deleted]),
        );
        expect(deletion.status).toBe(204);
        const gone = `Movie ${movieId} is not in the catalog`;
        for (const response of responses) {
          expect(response.status).toBe(200);
          expect([
            { received: 4, accepted: 4, errors: [] },
            {
              received: 4,
              accepted: 1,
              errors: [0, 1, 2].map((index) => ({ index, message: gone })),
            },
          ]).toContainEqual(response.body);
        }
        const stored = await app.database.query<{ app_user_id: string; movie_id: number }>(
          `SELECT u.app_user_id, r.movie_id FROM users u JOIN ratings r ON r.user_id = u.id
            WHERE u.app_user_id LIKE $1`,
          [`movie-race-${round}-%`],
        );
        expect(stored.sort((a, b) => a.app_user_id.localeCompare(b.app_user_id))).toEqual(
          batches
            .map((events) => ({ app_user_id: events[0].userId, movie_id: h0 }))
            .sort((a, b) => a.app_user_id.localeCompare(b.app_user_id)),
        );
      }
    });
  });
});
