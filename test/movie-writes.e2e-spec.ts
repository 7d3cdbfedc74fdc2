import { withinDeadline } from './support/deadline';
import { createMovie, loginAdmin, startTestApp, TestApp } from './support/factories';
import { Http, HttpResponse } from './support/http';

/** Concurrent writes of one movie, and TMDB ids that name one movie each. */
describe('movie writes', () => {
  let app: TestApp;
  let http: Http;
  let adminToken: string;

  beforeAll(async () => {
    app = await startTestApp();
    http = app.http;
    adminToken = (await loginAdmin(http)).accessToken;
  });

  afterAll(async () => {
    await app?.stop();
  });

  /** All of `requests` answered, within 20 s (a lock wait that never ends fails here). */
  const settled = (
    what: string,
    requests: Promise<HttpResponse<any>>[],
  ): Promise<HttpResponse<any>[]> => withinDeadline(20000, what, Promise.all(requests));

  const patch = (id: number, body: Record<string, unknown>): Promise<HttpResponse<any>> =>
    http.patch(`/v1/movies/${id}`, { token: adminToken, body });

  const putByImdb = (imdbId: string, body: Record<string, unknown>): Promise<HttpResponse<any>> =>
    http.put(`/v1/movies/by-imdb/${imdbId}`, { token: adminToken, body });

  /** The genre names stored for a movie, straight from the table (no cache in between). */
  async function storedGenres(movieId: number): Promise<string[]> {
    const rows = await app.database.query<{ name: string }>(
      `SELECT g.name FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
        WHERE mg.movie_id = $1 ORDER BY g.name`,
      [movieId],
    );
    return rows.map((row) => row.name);
  }

  describe('concurrent genre changes of one movie', () => {
    // Overlapping sets, so that writers diffing against a stale read would collide.
    const sets = Array.from({ length: 10 }, (_, i) =>
      [`Other${i % 3}`, `Other${(i + 1) % 3}`, `Extra${i}`].slice(0, 1 + (i % 3)).sort(),
    );

    it('answers every PATCH 200 and keeps exactly one request’s genres', async () => {
      const { id } = await createMovie(http, adminToken, { title: 'Raced', genres: ['Drama'] });
      for (let round = 0; round < 3; round++) {
        const responses = await settled(
          'parallel PATCHes',
          sets.map((genres) => patch(id, { genres })),
        );
        expect(responses.map((r) => r.status)).toEqual(sets.map(() => 200));
        const stored = await storedGenres(id);
        expect(sets).toContainEqual(stored);
        expect((await http.get(`/v1/movies/${id}`)).body.genres).toEqual(stored);
      }
    });

    it('serialises PATCH and PUT by IMDb id of one movie alike', async () => {
      const created = await putByImdb('tt0900001', { title: 'Synced', genres: ['Drama'] });
      expect(created.status).toBe(201);
      const id: number = created.body.id;
      const responses = await settled(
        'parallel PATCHes and PUTs',
        sets.map((genres, i) =>
          i % 2 === 0 ? patch(id, { genres }) : putByImdb('tt0900001', { title: 'Synced', genres }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(sets.map(() => 200));
      expect(sets).toContainEqual(await storedGenres(id));
      const [{ n }] = await app.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM movies WHERE imdb_id = 'tt0900001'`,
      );
      expect(n).toBe(1);
    });
  });

  describe('a PATCH racing a DELETE of the movie', () => {
    it('answers 200 or 404, never 500, and the movie is gone', async () => {
      for (let round = 0; round < 5; round++) {
        const { id } = await createMovie(http, adminToken, { title: `Doomed ${round}` });
        const patches = Array.from({ length: 4 }, (_, i) =>
          patch(id, { title: `Doomed ${round}.${i}`, genres: [`Fate${i}`] }),
        );
        const deleted = http.delete(`/v1/movies/${id}`, { token: adminToken });
        const [deleteResponse, ...patchResponses] = await settled('PATCH racing DELETE', [
          deleted,
          ...patches,
        ]);
        expect(deleteResponse.status).toBe(204);
        for (const response of patchResponses) expect([200, 404]).toContain(response.status);
        expect((await http.get(`/v1/movies/${id}`)).status).toBe(404);
        expect(await storedGenres(id)).toEqual([]);
      }
    });

    it('answers a PATCH of a deleted movie 404', async () => {
      const { id } = await createMovie(http, adminToken, { title: 'Gone' });
      expect((await http.delete(`/v1/movies/${id}`, { token: adminToken })).status).toBe(204);
      const response = await patch(id, { genres: ['Drama'] });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: `Movie ${id} does not exist`,
      });
    });
  });

  describe('TMDB ids', () => {
    let holder: { id: number; title: string };

    beforeAll(async () => {
      const response = await putByImdb('tt0902001', { title: 'Holder', tmdbId: 2001 });
      expect(response.status).toBe(201);
      holder = response.body;
    });

    const takenBody = (tmdbId: number): Record<string, unknown> => ({
      statusCode: 409,
      error: 'Conflict',
      message: `TMDB id ${tmdbId} belongs to movie ${holder.id} ("Holder"): clear it there first`,
    });

    it('answers a new movie with a taken TMDB id 409 naming the holder, and creates nothing', async () => {
      const response = await putByImdb('tt9999993', { title: 'steal tmdb', tmdbId: 2001 });
      expect(response.status).toBe(409);
      expect(response.body).toEqual(takenBody(2001));
      expect((await http.get('/v1/movies/by-imdb/tt9999993')).status).toBe(404);
      expect((await http.get('/v1/movies/by-tmdb/2001')).body.id).toBe(holder.id);
    });

    it('answers an existing movie taking another’s TMDB id 409, and changes nothing', async () => {
      const other = await putByImdb('tt0902002', { title: 'Other', genres: ['Drama'] });
      expect(other.status).toBe(201);
      const response = await putByImdb('tt0902002', {
        title: 'Other renamed',
        genres: ['Comedy'],
        tmdbId: 2001,
      });
      expect(response.status).toBe(409);
      expect(response.body).toEqual(takenBody(2001));
      expect((await http.get(`/v1/movies/${other.body.id}`)).body).toMatchObject({
        title: 'Other',
        genres: ['Drama'],
        tmdbId: null,
      });
    });

    it('lets the holder keep its own TMDB id on update', async () => {
      const response = await putByImdb('tt0902001', { title: 'Holder', tmdbId: 2001 });
      expect(response.status).toBe(200);
      expect(response.body.tmdbId).toBe(2001);
    });

    it('gives a TMDB id claimed by two new movies at once to one of them', async () => {
      const responses = await settled('two claims of one TMDB id', [
        putByImdb('tt0902003', { title: 'First claim', tmdbId: 2003 }),
        putByImdb('tt0902004', { title: 'Second claim', tmdbId: 2003 }),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      const [{ n }] = await app.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM movies WHERE tmdb_id = 2003`,
      );
      expect(n).toBe(1);
    });
  });
});
