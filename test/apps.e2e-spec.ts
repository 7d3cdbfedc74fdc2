import { login, ADMIN, registerAndLogin, startTestApp, TestApp } from './support/factories';
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
    expect(theirs.body).toEqual(mine.body);
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
    expect(after.body).toEqual(cold.body);
  });
});
