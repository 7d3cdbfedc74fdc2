import {
  createMovie,
  loginAdmin,
  registerAndLogin,
  startTestApp,
  TestApp,
} from './support/factories';
import { Http } from './support/http';

describe('catalog', () => {
  let app: TestApp;
  let http: Http;
  let adminToken: string;
  let userToken: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    app = await startTestApp();
    http = app.http;
    adminToken = (await loginAdmin(http)).accessToken;
    userToken = (await registerAndLogin(http)).accessToken;
    const movies = [
      { title: 'The Shawshank Redemption', releaseYear: 1994, genres: ['Drama', 'Crime'] },
      { title: 'Shawshank: The Making Of', releaseYear: 2004, genres: ['Documentary'] },
      { title: 'The Matrix', releaseYear: 1999, genres: ['Action', 'Sci-Fi'] },
      { title: 'Toy Story', releaseYear: 1995, genres: ['Animation', 'Comedy'] },
      { title: 'Toy Soldiers', releaseYear: 1991, genres: ['Action', 'Drama'] },
      { title: 'Heat', releaseYear: 1995, genres: ['Action', 'Crime'] },
      { title: '100% Wolf', overview: 'A werewolf story.', genres: ['Animation'] },
    ];
    for (const movie of movies) ids[movie.title] = (await createMovie(http, adminToken, movie)).id;
    const popularity: [string, number][] = [
      ['The Matrix', 90],
      ['Heat', 70],
      ['Toy Story', 80],
      ['The Shawshank Redemption', 95],
      ['Shawshank: The Making Of', 5],
      ['Toy Soldiers', 10],
    ];
    for (const [title, value] of popularity) {
      await app.database.query('UPDATE movies SET popularity = $1 WHERE id = $2', [
        value,
        ids[title],
      ]);
    }
  });

  afterAll(async () => {
    await app?.stop();
  });

  const titles = (items: { title: string }[]): string[] => items.map((m) => m.title);

  describe('GET /v1/movies', () => {
    it('lists by popularity by default with paging', async () => {
      const response = await http.get('/v1/movies?limit=3&page=1');
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(7);
      expect(response.body.page).toBe(1);
      expect(response.body.limit).toBe(3);
      expect(titles(response.body.items)).toEqual([
        'The Shawshank Redemption',
        'The Matrix',
        'Toy Story',
      ]);
      expect(response.body.items[0]).toEqual({
        id: ids['The Shawshank Redemption'],
        title: 'The Shawshank Redemption',
        overview: null,
        releaseYear: 1994,
        genres: ['Crime', 'Drama'],
        popularity: 95,
        ratingCount: 0,
        ratingMean: null,
        imdbId: null,
        tmdbId: null,
      });
      const page3 = await http.get('/v1/movies?limit=3&page=3');
      expect(titles(page3.body.items)).toEqual(['100% Wolf']);
    });

    it('finds a title from a misspelt, upper-case query', async () => {
      const response = await http.get('/v1/movies?q=SHAWSHNK%20REDEMTION');
      expect(response.status).toBe(200);
      expect(response.body.items[0].title).toBe('The Shawshank Redemption');
      const matrix = await http.get('/v1/movies?q=MATRX');
      expect(matrix.body.items[0].title).toBe('The Matrix');
    });

    it('ranks prefix matches by relevance, then popularity', async () => {
      const response = await http.get('/v1/movies?q=toy');
      expect(titles(response.body.items).slice(0, 2)).toEqual(['Toy Story', 'Toy Soldiers']);
      const wolf = await http.get('/v1/movies?q=100%25');
      expect(titles(wolf.body.items)).toEqual(['100% Wolf']);
    });

    it('filters by genre (case-insensitive) and years, and sorts', async () => {
      const crime = await http.get('/v1/movies?genre=crime&sort=title');
      expect(titles(crime.body.items)).toEqual(['Heat', 'The Shawshank Redemption']);
      const nineties = await http.get('/v1/movies?yearFrom=1995&yearTo=1999&sort=year');
      expect(titles(nineties.body.items)).toEqual(['The Matrix', 'Toy Story', 'Heat']);
      expect(nineties.body.total).toBe(3);
      // A known genre with nothing matching is an empty page (an unknown one is 400: errors spec).
      const none = await http.get('/v1/movies?genre=Documentary&yearTo=1990');
      expect(none.body).toEqual({ items: [], total: 0, page: 1, limit: 20 });
    });

    it.each([
      ['limit above 100', 'limit=101'],
      ['limit below 1', 'limit=0'],
      ['a non-integer page', 'page=abc'],
      ['an unknown sort', 'sort=random'],
      ['yearFrom after yearTo', 'yearFrom=2000&yearTo=1990'],
      ['an unknown query field', 'colour=red'],
    ])('rejects %s with 400', async (_case, query) => {
      const response = await http.get(`/v1/movies?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('Bad Request');
    });
  });

  describe('GET /v1/movies/trending', () => {
    it('returns the highest popularity first, optionally within a genre', async () => {
      const response = await http.get('/v1/movies/trending?limit=2');
      expect(response.status).toBe(200);
      expect(titles(response.body.items)).toEqual(['The Shawshank Redemption', 'The Matrix']);
      const action = await http.get('/v1/movies/trending?genre=Action');
      expect(titles(action.body.items)).toEqual(['The Matrix', 'Heat', 'Toy Soldiers']);
    });

    it('rejects limit out of range with 400', async () => {
      expect((await http.get('/v1/movies/trending?limit=1000')).status).toBe(400);
    });
  });

  describe('GET /v1/movies/:id', () => {
    it('returns one movie', async () => {
      const response = await http.get(`/v1/movies/${ids['100% Wolf']}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        title: '100% Wolf',
        overview: 'A werewolf story.',
        releaseYear: null,
      });
    });

    it('answers 404 for an unknown id and 400 for a non-integer one', async () => {
      expect((await http.get('/v1/movies/999999')).status).toBe(404);
      expect((await http.get('/v1/movies/abc')).status).toBe(400);
      expect((await http.get('/v1/movies/-1')).status).toBe(400);
      expect((await http.get('/v1/movies/1.5')).status).toBe(400);
    });
  });

  it('lists genres with their movie counts', async () => {
    const response = await http.get('/v1/genres');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.arrayContaining([
        { id: expect.any(Number), name: 'Action', movieCount: 3 },
        { id: expect.any(Number), name: 'Documentary', movieCount: 1 },
      ]),
    );
    expect(response.body.map((g: { name: string }) => g.name)).toEqual(
      [...response.body.map((g: { name: string }) => g.name)].sort(),
    );
  });

  describe('admin writes', () => {
    it('creates, updates and deletes a movie', async () => {
      const created = await http.post('/v1/movies', {
        token: adminToken,
        body: { title: 'Alien', releaseYear: 1979, genres: ['Horror', 'Sci-Fi', 'Horror'] },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        title: 'Alien',
        genres: ['Horror', 'Sci-Fi'],
        ratingCount: 0,
      });
      const id = created.body.id;

      const updated = await http.patch(`/v1/movies/${id}`, {
        token: adminToken,
        body: { overview: 'In space no one can hear you scream.', genres: ['Horror'] },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ title: 'Alien', releaseYear: 1979, genres: ['Horror'] });
      expect((await http.get(`/v1/movies/${id}`)).body.overview).toMatch(/scream/);

      expect((await http.delete(`/v1/movies/${id}`, { token: adminToken })).status).toBe(204);
      expect((await http.get(`/v1/movies/${id}`)).status).toBe(404);
      expect((await http.delete(`/v1/movies/${id}`, { token: adminToken })).status).toBe(404);
      expect(
        (await http.patch(`/v1/movies/${id}`, { token: adminToken, body: { title: 'X' } })).status,
      ).toBe(404);
    });

    it('reuses a genre whatever the case it is written in, as the genre filter matches it', async () => {
      const created = await http.post('/v1/movies', {
        token: adminToken,
        body: { title: 'Casing', genres: ['crime', 'CRIME', ' Crime ', 'Noir', 'NOIR'] },
      });
      expect(created.body.genres).toEqual(['Crime', 'Noir']);
      const genres = (await http.get('/v1/genres')).body as { name: string }[];
      expect(genres.filter((g) => /^(crime|noir)$/i.test(g.name)).map((g) => g.name)).toEqual([
        'Crime',
        'Noir',
      ]);
      expect(
        (await http.delete(`/v1/movies/${created.body.id}`, { token: adminToken })).status,
      ).toBe(204);
    });

    it('answers 401 without a token and 403 for a non-admin', async () => {
      const body = { title: 'Nope' };
      expect((await http.post('/v1/movies', { body })).status).toBe(401);
      const forbidden = await http.post('/v1/movies', { token: userToken, body });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: expect.any(String),
      });
      const id = ids['Heat'];
      expect((await http.patch(`/v1/movies/${id}`, { token: userToken, body })).status).toBe(403);
      expect((await http.delete(`/v1/movies/${id}`, { token: userToken })).status).toBe(403);
      expect((await http.delete(`/v1/movies/${id}`)).status).toBe(401);
    });

    it.each([
      ['a missing title', {}],
      ['an empty title', { title: '' }],
      ['a year out of range', { title: 'Old', releaseYear: 1700 }],
      ['genres not strings', { title: 'G', genres: [1, 2] }],
      ['an unknown field', { title: 'U', director: 'Someone' }],
    ])('rejects %s with 400', async (_case, body) => {
      const response = await http.post('/v1/movies', { token: adminToken, body });
      expect(response.status).toBe(400);
    });

    it('rejects a null title on PATCH with 400', async () => {
      const response = await http.patch(`/v1/movies/${ids['Heat']}`, {
        token: adminToken,
        body: { title: null },
      });
      expect(response.status).toBe(400);
    });
  });

  // Last, so the movies it adds change no count above.
  describe('title search ranking', () => {
    beforeAll(async () => {
      const popularity: [string, number, number][] = [
        ['The Exorcist', 1973, 10],
        ['Exorcist II: The Heretic', 1977, 30],
        ['Exorcist: The Beginning', 2004, 40],
        ['Dominion: Prequel to the Exorcist', 2005, 50],
        ['The Thing', 1982, 20],
        ['Finishing the Game', 2007, 60],
        ['The Thing Called Love', 1993, 70],
        ['Something Wild', 1986, 80],
      ];
      for (const [title, releaseYear, value] of popularity) {
        const { id } = await createMovie(http, adminToken, { title, releaseYear });
        await app.database.query('UPDATE movies SET popularity = $1 WHERE id = $2', [value, id]);
      }
    });

    const search = async (q: string): Promise<string[]> => {
      const response = await http.get(`/v1/movies?q=${encodeURIComponent(q)}&limit=5`);
      expect(response.status).toBe(200);
      return titles(response.body.items);
    };

    it('puts the exact title first whatever its article, then whole-word matches', async () => {
      // The least popular of the four, yet the one asked for.
      for (const q of ['exorcist', 'The Exorcist', 'EXORCIST, THE', 'exorcist!']) {
        expect((await search(q))[0]).toBe('The Exorcist');
      }
      expect((await search('exorcist')).slice(1).sort()).toEqual([
        'Dominion: Prequel to the Exorcist',
        'Exorcist II: The Heretic',
        'Exorcist: The Beginning',
      ]);
    });

    it('ranks whole words above words inside words: "the thing" is not "Finishing the Game"', async () => {
      const found = await search('the thing');
      expect(found.slice(0, 2)).toEqual(['The Thing', 'The Thing Called Love']);
      expect((await search('thing')).slice(0, 2)).toEqual(['The Thing', 'The Thing Called Love']);
    });

    it('still finds a misspelt title', async () => {
      expect((await search('exorsist'))[0]).toBe('The Exorcist');
    });
  });
});
