import { HISTORY_FIRST_PAGE_SQL, HISTORY_PAGE_BEFORE_SQL } from '../src/history/history.sql';
import {
  createMovie,
  loginAdmin,
  quickUsers,
  registerAndLogin,
  startTestApp,
  TestApp,
  TestUser,
} from './support/factories';
import { Http } from './support/http';

describe('ratings and watch history', () => {
  let app: TestApp;
  let http: Http;
  let user: TestUser;
  const movieIds: number[] = [];

  async function aggregateOf(movieId: number): Promise<Record<string, unknown>> {
    const [row] = await app.database.query(
      `SELECT m.rating_count, m.rating_mean,
              (SELECT count(*)::int FROM ratings WHERE movie_id = m.id) AS actual_count,
              (SELECT avg(rating) FROM ratings WHERE movie_id = m.id) AS actual_mean
         FROM movies m WHERE m.id = $1`,
      [movieId],
    );
    return row;
  }

  async function expectExactAggregate(movieId: number): Promise<void> {
    const row = await aggregateOf(movieId);
    expect(row.rating_count).toBe(row.actual_count);
    expect(row.rating_mean).toBe(row.actual_mean);
  }

  beforeAll(async () => {
    app = await startTestApp();
    http = app.http;
    const admin = await loginAdmin(http);
    for (const title of ['Alpha', 'Beta', 'Gamma', 'Delta']) {
      movieIds.push((await createMovie(http, admin.accessToken, { title, genres: ['Drama'] })).id);
    }
    user = await registerAndLogin(http);
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('ratings', () => {
    it('upserts a rating: 200, one row, the last write wins', async () => {
      const path = `/v1/users/me/ratings/${movieIds[0]}`;
      const first = await http.put(path, { token: user.accessToken, body: { rating: 4 } });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        movieId: movieIds[0],
        rating: 4,
        ratedAt: expect.stringMatching(/Z$/),
      });
      const second = await http.put(path, { token: user.accessToken, body: { rating: 2.5 } });
      expect(second.body.rating).toBe(2.5);
      const rows = await app.database.query('SELECT rating FROM ratings WHERE user_id = $1', [
        user.id,
      ]);
      expect(rows).toEqual([{ rating: 2.5 }]);
      expect(await aggregateOf(movieIds[0])).toMatchObject({ rating_count: 1, rating_mean: 2.5 });
    });

    it.each([
      ['a quarter step', { rating: 4.25 }],
      ['zero', { rating: 0 }],
      ['above 5', { rating: 5.5 }],
      ['a string', { rating: '4' }],
      ['no rating', {}],
      ['an unknown field', { rating: 4, comment: 'great' }],
    ])('rejects %s with 400 naming the field', async (_case, body) => {
      const response = await http.put(`/v1/users/me/ratings/${movieIds[1]}`, {
        token: user.accessToken,
        body,
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toMatch(/rating|comment/);
    });

    it('answers 404 for an unknown movie, 400 for a bad id and 401 without a token', async () => {
      const body = { rating: 3 };
      expect(
        (await http.put('/v1/users/me/ratings/999999', { token: user.accessToken, body })).status,
      ).toBe(404);
      expect(
        (await http.put('/v1/users/me/ratings/zero', { token: user.accessToken, body })).status,
      ).toBe(400);
      expect((await http.put(`/v1/users/me/ratings/${movieIds[1]}`, { body })).status).toBe(401);
      expect((await http.get('/v1/users/me/ratings')).status).toBe(401);
      expect((await http.delete(`/v1/users/me/ratings/${movieIds[1]}`)).status).toBe(401);
    });

    it('keeps rating_count and rating_mean exact through 40 concurrent PUTs of one rating', async () => {
      const movieId = movieIds[2];
      const values = Array.from({ length: 40 }, (_, i) => ((i % 10) + 1) / 2);
      const responses = await Promise.all(
        values.map((rating) =>
          http.put(`/v1/users/me/ratings/${movieId}`, {
            token: user.accessToken,
            body: { rating },
          }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(values.map(() => 200));
      const rows = await app.database.query<{ rating: number }>(
        'SELECT rating FROM ratings WHERE user_id = $1 AND movie_id = $2',
        [user.id, movieId],
      );
      expect(rows).toHaveLength(1);
      expect(values).toContain(rows[0].rating);
      expect(await aggregateOf(movieId)).toMatchObject({
        rating_count: 1,
        rating_mean: rows[0].rating,
      });
      // And the write after them wins.
      await http.put(`/v1/users/me/ratings/${movieId}`, {
        token: user.accessToken,
        body: { rating: 3.5 },
      });
      const listed = await http.get('/v1/users/me/ratings', { token: user.accessToken });
      expect(
        listed.body.items.find((i: { movie: { id: number } }) => i.movie.id === movieId).rating,
      ).toBe(3.5);
      await expectExactAggregate(movieId);
    });

    it('keeps the aggregate exact under concurrent inserts, updates and deletes by many users', async () => {
      const movieId = movieIds[3];
      const users = await quickUsers(app.database, 30);
      const put = (u: { token: string }, rating: number): Promise<unknown> =>
        http.put(`/v1/users/me/ratings/${movieId}`, { token: u.token, body: { rating } });
      await Promise.all(users.map((u, i) => put(u, ((i % 10) + 1) / 2)));
      await expectExactAggregate(movieId);
      await Promise.all(
        users.map((u, i) =>
          i % 3 === 0
            ? http.delete(`/v1/users/me/ratings/${movieId}`, { token: u.token })
            : put(u, 5 - (i % 9) / 2),
        ),
      );
      const row = await aggregateOf(movieId);
      expect(row.rating_count).toBe(20);
      await expectExactAggregate(movieId);
      const movie = await http.get(`/v1/movies/${movieId}`);
      expect(movie.body.ratingCount).toBe(20);
      expect(movie.body.ratingMean).toBe(row.actual_mean);
    });

    it('lists the user’s ratings newest first with movies, paged', async () => {
      const u = await registerAndLogin(http);
      for (const [i, movieId] of movieIds.entries()) {
        await http.put(`/v1/users/me/ratings/${movieId}`, {
          token: u.accessToken,
          body: { rating: i + 1 },
        });
      }
      const page = await http.get('/v1/users/me/ratings?limit=3', { token: u.accessToken });
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(4);
      expect(page.body.limit).toBe(3);
      expect(page.body.items.map((i: { movie: { id: number } }) => i.movie.id)).toEqual(
        [...movieIds].reverse().slice(0, 3),
      );
      expect(page.body.items[0]).toEqual({
        movie: expect.objectContaining({ id: movieIds[3], title: 'Delta', genres: ['Drama'] }),
        rating: 4,
        ratedAt: expect.any(String),
      });
      const page2 = await http.get('/v1/users/me/ratings?limit=3&page=2', { token: u.accessToken });
      expect(page2.body.items.map((i: { movie: { id: number } }) => i.movie.id)).toEqual([
        movieIds[0],
      ]);
      expect(
        (await http.get('/v1/users/me/ratings?limit=101', { token: u.accessToken })).status,
      ).toBe(400);
    });

    it('deletes a rating: 204, then 404, and the aggregate follows', async () => {
      const u = await registerAndLogin(http);
      const path = `/v1/users/me/ratings/${movieIds[1]}`;
      await http.put(path, { token: u.accessToken, body: { rating: 5 } });
      expect((await http.delete(path, { token: u.accessToken })).status).toBe(204);
      expect((await http.delete(path, { token: u.accessToken })).status).toBe(404);
      await expectExactAggregate(movieIds[1]);
    });
  });

  describe('history', () => {
    it('records a watch event with defaults: 201', async () => {
      const before = Date.now();
      const response = await http.post('/v1/users/me/history', {
        token: user.accessToken,
        body: { movieId: movieIds[0] },
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(Number),
        movieId: movieIds[0],
        watchedAt: expect.any(String),
        progress: 1,
      });
      expect(Date.parse(response.body.watchedAt)).toBeGreaterThanOrEqual(before - 1000);
    });

    it.each([
      ['a future watchedAt', { watchedAt: new Date(Date.now() + 3600_000).toISOString() }],
      ['a malformed watchedAt', { watchedAt: 'yesterday' }],
      ['progress above 1', { progress: 1.5 }],
      ['negative progress', { progress: -0.1 }],
      ['an unknown field', { rating: 5 }],
    ])('rejects %s with 400', async (_case, extra) => {
      const response = await http.post('/v1/users/me/history', {
        token: user.accessToken,
        body: { movieId: movieIds[0], ...extra },
      });
      expect(response.status).toBe(400);
    });

    it('answers 404 for an unknown movie and 401 without a token', async () => {
      const body = { movieId: 999999 };
      expect(
        (await http.post('/v1/users/me/history', { token: user.accessToken, body })).status,
      ).toBe(404);
      expect((await http.post('/v1/users/me/history', { body })).status).toBe(401);
      expect((await http.get('/v1/users/me/history')).status).toBe(401);
    });

    it('pages newest first with an opaque cursor, ties on watchedAt included', async () => {
      const u = await registerAndLogin(http);
      const base = Date.parse('2026-01-01T00:00:00Z');
      const posted: number[] = [];
      for (let i = 0; i < 25; i += 1) {
        // Pairs share a timestamp, so the id must break the tie.
        const watchedAt = new Date(base + Math.floor(i / 2) * 60_000).toISOString();
        const response = await http.post('/v1/users/me/history', {
          token: u.accessToken,
          body: { movieId: movieIds[i % 4], watchedAt, progress: 0.5 },
        });
        posted.push(response.body.id);
      }
      const seen: number[] = [];
      let cursor: string | null = null;
      const sizes: number[] = [];
      do {
        const query: string = cursor ? `?limit=10&before=${cursor}` : '?limit=10';
        const page = await http.get(`/v1/users/me/history${query}`, { token: u.accessToken });
        expect(page.status).toBe(200);
        sizes.push(page.body.items.length);
        seen.push(...page.body.items.map((item: { id: number }) => item.id));
        expect(page.body.items[0]).toEqual({
          id: expect.any(Number),
          movie: expect.objectContaining({ id: expect.any(Number), title: expect.any(String) }),
          watchedAt: expect.any(String),
          progress: 0.5,
        });
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(sizes).toEqual([10, 10, 5]);
      expect(seen).toEqual([...posted].reverse());
    });

    it('rejects a bad cursor and limit out of range with 400', async () => {
      const token = user.accessToken;
      expect((await http.get('/v1/users/me/history?before=not-a-cursor', { token })).status).toBe(
        400,
      );
      expect((await http.get('/v1/users/me/history?limit=0', { token })).status).toBe(400);
      expect((await http.get('/v1/users/me/history?limit=101', { token })).status).toBe(400);
    });

    it('walks watch_history_user_watched_at_idx for first and deep pages (EXPLAIN)', async () => {
      await app.database.query(
        `INSERT INTO watch_history (user_id, movie_id, watched_at)
         SELECT $1, $2, timestamptz '2020-01-01' + g * interval '1 minute' FROM generate_series(1, 20000) g`,
        [user.id, movieIds[0]],
      );
      const others = await quickUsers(app.database, 50);
      await app.database.query(
        `INSERT INTO watch_history (user_id, movie_id, watched_at)
         SELECT u, $2, timestamptz '2020-01-01' + g * interval '1 minute'
           FROM unnest($1::int[]) u, generate_series(1, 400) g`,
        [others.map((o) => o.id), movieIds[1]],
      );
      await app.database.query('ANALYZE watch_history');
      const plans = [
        await app.database.query(`EXPLAIN ${HISTORY_FIRST_PAGE_SQL}`, [user.id, 21]),
        await app.database.query(`EXPLAIN ${HISTORY_PAGE_BEFORE_SQL}`, [
          user.id,
          21,
          '2020-01-10T00:00:00.000000Z',
          123,
        ]),
      ].map((rows) => rows.map((row) => String(row['QUERY PLAN'])).join('\n'));
      for (const plan of plans) {
        expect(plan).toMatch(/Index (Only )?Scan using watch_history_user_watched_at_idx/);
        expect(plan).not.toMatch(/Seq Scan|Sort/);
      }
      expect(plans[1]).toMatch(/Index Cond: .*ROW\(watched_at, id\) < ROW/);
    });
  });
});
