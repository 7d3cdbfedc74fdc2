import {
  createMovie,
  loginAdmin,
  registerAndLogin,
  startTestApp,
  TestApp,
  testAppEnv,
} from './support/factories';
import { Http } from './support/http';
import { startServer, TestServer } from './support/test-server';
import { waitFor } from './support/wait-for';

/**
 * Each process serves movies from its in-memory catalog (MovieCatalog). Catalog writes, through
 * the API on either process or in SQL, reach both through the triggers' NOTIFY; a movie's rating
 * aggregates show at once on the process that stored the rating and within
 * CATALOG_CACHE_SECONDS on the other.
 */
describe('the in-memory catalog on two server processes', () => {
  let app: TestApp;
  let second: TestServer;
  let a: Http;
  let b: Http;
  let adminToken: string;

  beforeAll(async () => {
    const env = { CATALOG_CACHE_SECONDS: '1' };
    app = await startTestApp(env);
    second = await startServer({ databaseUrl: app.database.url, env: testAppEnv(env) });
    a = app.http;
    b = new Http(second.url);
    adminToken = (await loginAdmin(a)).accessToken;
  }, 60000);

  afterAll(async () => {
    await second?.stop();
    await app?.stop();
  });

  /** Polls `probe` on `http` until `accept` holds (5 s at most), answering the last body. */
  function until<T>(
    http: Http,
    path: string,
    accept: (status: number, body: T) => boolean,
    what: string,
  ): Promise<T> {
    return waitFor(
      async () => {
        const response = await http.get<T>(path);
        return accept(response.status, response.body) ? response.body : undefined;
      },
      what,
      5000,
      5,
    );
  }

  it('an edit on one process shows at once there and on the other', async () => {
    const movie = await createMovie(a, adminToken, { title: 'Cached Title', genres: ['Drama'] });
    for (const http of [a, b]) {
      expect((await http.get(`/v1/movies/${movie.id}`)).body.title).toBe('Cached Title');
    }
    const edited = await a.patch(`/v1/movies/${movie.id}`, {
      token: adminToken,
      body: { title: 'Edited Title', genres: ['Drama', 'Film-Noir'] },
    });
    expect(edited.status).toBe(200);
    expect((await a.get(`/v1/movies/${movie.id}`)).body).toMatchObject({
      title: 'Edited Title',
      genres: ['Drama', 'Film-Noir'],
    });
    await until<{ title: string; genres: string[] }>(
      b,
      `/v1/movies/${movie.id}`,
      (_, body) => body.title === 'Edited Title' && body.genres.length === 2,
      'the edit on the other process',
    );
    // The new genre is known to the genre filter on both.
    await until(b, '/v1/movies/trending?genre=film-noir', (status) => status === 200, 'the genre');
  });

  it('changes made in SQL reach both processes', async () => {
    const movie = await createMovie(a, adminToken, { title: 'Before SQL', genres: ['Comedy'] });
    for (const http of [a, b]) await http.get(`/v1/movies/${movie.id}`);
    await app.database.query(`UPDATE movies SET title = 'After SQL' WHERE id = $1`, [movie.id]);
    for (const http of [a, b]) {
      await until<{ title: string }>(
        http,
        `/v1/movies/${movie.id}`,
        (_, body) => body.title === 'After SQL',
        'the SQL edit',
      );
    }
    await app.database.query(
      `INSERT INTO movie_genres (movie_id, genre_id)
       SELECT $1, id FROM genres WHERE name = 'Drama'`,
      [movie.id],
    );
    for (const http of [a, b]) {
      await until<{ genres: string[] }>(
        http,
        `/v1/movies/${movie.id}`,
        (_, body) => body.genres.join() === 'Comedy,Drama',
        'the genre added in SQL',
      );
    }
  });

  it('a deleted movie is gone from both processes', async () => {
    const movie = await createMovie(a, adminToken, { title: 'Soon Gone' });
    for (const http of [a, b]) expect((await http.get(`/v1/movies/${movie.id}`)).status).toBe(200);
    expect((await b.delete(`/v1/movies/${movie.id}`, { token: adminToken })).status).toBe(204);
    expect((await b.get(`/v1/movies/${movie.id}`)).status).toBe(404);
    await until(a, `/v1/movies/${movie.id}`, (status) => status === 404, 'the deletion');
  });

  it('rating aggregates show at once where rated and within the cache age elsewhere', async () => {
    const movie = await createMovie(a, adminToken, { title: 'Rated Here' });
    for (const http of [a, b]) {
      expect((await http.get(`/v1/movies/${movie.id}`)).body.ratingCount).toBe(0);
    }
    const user = await registerAndLogin(a);
    const rated = await a.put(`/v1/users/me/ratings/${movie.id}`, {
      token: user.accessToken,
      body: { rating: 4 },
    });
    expect(rated.status).toBe(200);
    expect((await a.get(`/v1/movies/${movie.id}`)).body).toMatchObject({
      ratingCount: 1,
      ratingMean: 4,
    });
    await until<{ ratingCount: number }>(
      b,
      `/v1/movies/${movie.id}`,
      (_, body) => body.ratingCount === 1,
      'the aggregate on the other process',
    );
  });
});
