import {
  ADMIN,
  TestApp,
  TestUser,
  login,
  registerAndLogin,
  startTestApp,
} from './support/factories';
import { TasteCatalog, seedTasteCatalog } from './support/taste-catalog';
import { waitFor } from './support/wait-for';

interface Item {
  movie: { id: number; genres: string[] };
  score: number;
}

/** "Not interested": PUT / GET / DELETE /v1/users/me/dismissals, and what they change. */
describe('dismissals', () => {
  let app: TestApp;
  let catalog: TasteCatalog;
  let horror: number[];

  const dismiss = (user: TestUser, movie: number | string) =>
    app.http.put(`/v1/users/me/dismissals/${movie}`, { token: user.accessToken });
  const undo = (user: TestUser, movie: number) =>
    app.http.delete(`/v1/users/me/dismissals/${movie}`, { token: user.accessToken });

  async function recommendedIds(user: TestUser, limit = 10): Promise<number[]> {
    const response = await app.http.get(`/v1/users/me/recommendations?limit=${limit}`, {
      token: user.accessToken,
    });
    expect(response.status).toBe(200);
    return response.body.items.map((item: Item) => item.movie.id);
  }

  beforeAll(async () => {
    app = await startTestApp();
    catalog = await seedTasteCatalog(app.database);
    horror = catalog.moviesByGenre.Horror;
    const admin = (await login(app.http, ADMIN.email, ADMIN.password)).accessToken;
    const started = await app.http.post('/v1/recommendations/model/retrain', { token: admin });
    expect(started.status).toBe(202);
    await waitFor(async () => {
      const { body } = await app.http.get('/v1/recommendations/model');
      return body.version === started.body.version ? true : undefined;
    }, 'the first model');
  }, 120000);

  afterAll(async () => app?.stop());

  it('dismisses a movie (200, idempotent), lists it, and undoes it (204, then 404)', async () => {
    const user = await registerAndLogin(app.http);
    const first = await dismiss(user, horror[0]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ movieId: horror[0], dismissedAt: expect.any(String) });
    const again = await dismiss(user, horror[0]);
    expect(again.body).toEqual(first.body);
    await dismiss(user, horror[1]);
    const list = await app.http.get('/v1/users/me/dismissals?limit=1', {
      token: user.accessToken,
    });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 2, page: 1, limit: 1 });
    expect(list.body.items).toEqual([
      { movie: expect.objectContaining({ id: horror[1] }), dismissedAt: expect.any(String) },
    ]);
    expect((await undo(user, horror[0])).status).toBe(204);
    const gone = await undo(user, horror[0]);
    expect(gone.status).toBe(404);
    expect(gone.body.message).toBe(`You have not dismissed movie ${horror[0]}`);
  });

  it('answers 404 for an unknown movie, 400 for a bad id, 401 without a token', async () => {
    const user = await registerAndLogin(app.http);
    const unknown = await dismiss(user, 999999);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Movie 999999 does not exist');
    expect((await dismiss(user, 'abc')).status).toBe(400);
    expect((await dismiss(user, 0)).status).toBe(400);
    expect((await app.http.put(`/v1/users/me/dismissals/${horror[0]}`)).status).toBe(401);
    expect((await app.http.delete(`/v1/users/me/dismissals/${horror[0]}`)).status).toBe(401);
    expect((await app.http.get('/v1/users/me/dismissals')).status).toBe(401);
    const [{ count }] = await app.database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM dismissals WHERE user_id = $1`,
      [user.id],
    );
    expect(count).toBe(0);
  });

  it('never recommends a dismissed movie again, at once, until the dismissal is undone', async () => {
    const fan = await registerAndLogin(app.http);
    for (const movie of horror.slice(0, 3)) {
      await app.http.put(`/v1/users/me/ratings/${movie}`, {
        token: fan.accessToken,
        body: { rating: 5 },
      });
    }
    const before = await recommendedIds(fan);
    const top = before[0];
    expect(horror).toContain(top);
    expect((await dismiss(fan, top)).status).toBe(200);
    const after = await recommendedIds(fan, 100);
    expect(after).not.toContain(top);
    expect((await undo(fan, top)).status).toBe(204);
    expect(await recommendedIds(fan)).toContain(top);
  });

  it('counts dismissals as negative feedback: dismissing horror keeps horror off the top', async () => {
    const user = await registerAndLogin(app.http);
    for (const movie of horror.slice(0, 5)) expect((await dismiss(user, movie)).status).toBe(200);
    const response = await app.http.get('/v1/users/me/recommendations?limit=10', {
      token: user.accessToken,
    });
    const items: Item[] = response.body.items;
    expect(items).toHaveLength(10);
    expect(items.filter((item) => item.movie.genres.includes('Horror'))).toEqual([]);
  });

  it('leaves dismissed movies out of similar lists for that user only; a bad token is 401', async () => {
    const user = await registerAndLogin(app.http);
    const path = `/v1/movies/${horror[0]}/similar?limit=5`;
    const anonymous = await app.http.get(path);
    expect(anonymous.status).toBe(200);
    const closest: number = anonymous.body.items[0].movie.id;
    await dismiss(user, closest);
    const mine = await app.http.get(path, { token: user.accessToken });
    expect(mine.status).toBe(200);
    const ids = mine.body.items.map((item: Item) => item.movie.id);
    expect(ids).toHaveLength(5);
    expect(ids).not.toContain(closest);
    const someoneElse = await registerAndLogin(app.http);
    const theirs = await app.http.get(path, { token: someoneElse.accessToken });
    expect(theirs.body.items[0].movie.id).toBe(closest);
    expect((await app.http.get(path, { token: 'not-a-token' })).status).toBe(401);
  });

  it('removes the dismissals with the account', async () => {
    const user = await registerAndLogin(app.http);
    await dismiss(user, horror[2]);
    const deleted = await app.http.delete('/v1/users/me', {
      token: user.accessToken,
      body: { password: user.password },
    });
    expect(deleted.status).toBe(204);
    const [{ count }] = await app.database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM dismissals WHERE user_id = $1`,
      [user.id],
    );
    expect(count).toBe(0);
  });
});
