import { badRequest } from './support/error-bodies';
import {
  ADMIN,
  TestApp,
  TestUser,
  createMovie,
  login,
  registerAndLogin,
  startTestApp,
} from './support/factories';
import { TasteCatalog, seedTasteCatalog } from './support/taste-catalog';
import { waitFor } from './support/wait-for';

interface Item {
  movie: { id: number; title: string; genres: string[] };
  score: number;
  reasons?: Array<{ movieId: number; title: string; weight: number }>;
}

/** Recommendations that respect what a user said: ratings by their value, one score scale. */
describe('recommendations and rating values', () => {
  let app: TestApp;
  let catalog: TasteCatalog;
  let admin: string;
  let horror: number[];
  let genreless: number;

  async function rate(user: TestUser, movies: number[], rating: number): Promise<void> {
    for (const movie of movies) {
      const response = await app.http.put(`/v1/users/me/ratings/${movie}`, {
        token: user.accessToken,
        body: { rating },
      });
      expect(response.status).toBe(200);
    }
  }

  async function listFor(user: TestUser, query = 'limit=10'): Promise<Item[]> {
    const response = await app.http.get(`/v1/users/me/recommendations?${query}`, {
      token: user.accessToken,
    });
    expect(response.status).toBe(200);
    return response.body.items;
  }

  const isHorror = (item: Item): boolean => item.movie.genres.includes('Horror');

  beforeAll(async () => {
    app = await startTestApp();
    catalog = await seedTasteCatalog(app.database);
    horror = catalog.moviesByGenre.Horror;
    // A movie with a year but no genre, in the model (as "Batman - The Movie" in the demo data).
    [{ id: genreless }] = await app.database.query<{ id: number }>(
      `INSERT INTO movies (title, release_year) VALUES ('No Genre At All', 1966) RETURNING id`,
    );
    admin = (await login(app.http, ADMIN.email, ADMIN.password)).accessToken;
    const started = await app.http.post('/v1/recommendations/model/retrain', { token: admin });
    expect(started.status).toBe(202);
    await waitFor(async () => {
      const { body } = await app.http.get('/v1/recommendations/model');
      return body.version === started.body.version ? true : undefined;
    }, 'the first model');
  }, 120000);

  afterAll(async () => app?.stop());

  it('gives a 0.5-star horror rater no horror at the top, and a 5-star one horror first', async () => {
    const [hater, fan] = [await registerAndLogin(app.http), await registerAndLogin(app.http)];
    const rated = horror.slice(0, 11);
    await rate(hater, rated, 0.5);
    await rate(fan, rated, 5);
    // Twenty horror movies, eleven rated: the fan's top nine are the nine others.
    const fanList = await listFor(fan);
    expect(fanList).toHaveLength(10);
    expect(fanList.slice(0, 9).every(isHorror)).toBe(true);
    const haterList = await listFor(hater);
    expect(haterList).toHaveLength(10);
    expect(haterList.filter(isHorror)).toEqual([]);
    // Over the whole catalog the nine horror movies left come after every other rated movie:
    // the dislikes pushed them far down their popularity (to a few hundredths of the first's
    // score), and the other genres only a little. After them only the genreless movie nobody
    // rated, which has no popularity to rank by.
    const everything = await listFor(hater, 'limit=50');
    const others = 60 + 1 - rated.length;
    expect(everything).toHaveLength(others);
    expect(everything[others - 1].movie.id).toBe(genreless);
    const rankedByPopularity = everything.slice(0, -1);
    expect(rankedByPopularity.slice(-9).every(isHorror)).toBe(true);
    expect(rankedByPopularity.slice(0, -9).some(isHorror)).toBe(false);
    for (const item of rankedByPopularity.slice(-9)) expect(item.score).toBeLessThan(0.1);
    for (const item of rankedByPopularity.slice(0, -9)) expect(item.score).toBeGreaterThan(0.3);
  });

  it('lets a single 0.5-star rating push its movie neighbours down, not up', async () => {
    const user = await registerAndLogin(app.http);
    await rate(user, [horror[0]], 0.5);
    const response = await app.http.get('/v1/users/me/recommendations?limit=10&explain=true', {
      token: user.accessToken,
    });
    expect(response.body.strategy).toBe('popularity');
    const items: Item[] = response.body.items;
    expect(items.filter(isHorror)).toEqual([]);
    for (const item of items) expect(item.reasons).toEqual([]);
  });

  it('names only liked movies as reasons, never a low rating, a 3 or a short watch', async () => {
    const user = await registerAndLogin(app.http);
    const [liked, disliked, soSo, glimpsed] = horror.slice(12, 16);
    await rate(user, [liked], 5);
    await rate(user, [disliked], 1);
    await rate(user, [soSo], 3);
    const watch = await app.http.post('/v1/users/me/history', {
      token: user.accessToken,
      body: { movieId: glimpsed, progress: 0.2 },
    });
    expect(watch.status).toBe(201);
    const items = await listFor(user, 'limit=5&explain=true');
    expect(items).toHaveLength(5);
    expect(items.every(isHorror)).toBe(true);
    for (const item of items) {
      expect(item.reasons).toEqual([
        { movieId: liked, title: `Horror Movie ${horror.indexOf(liked) + 1}`, weight: 1 },
      ]);
    }
  });

  it('puts every score on one scale from 0 to 1, the best candidate at 1', async () => {
    const fan = await registerAndLogin(app.http);
    await rate(fan, horror.slice(0, 6), 5);
    const newcomer = await registerAndLogin(app.http);
    const similar = await app.http.get(`/v1/movies/${horror[0]}/similar?limit=10`);
    const lists = [
      await listFor(fan), // collaborative
      await listFor(newcomer), // popularity
      similar.body.items as Item[],
    ];
    for (const items of lists) {
      expect(items.length).toBeGreaterThan(0);
      expect(items[0].score).toBe(1);
      const scores = items.map((item) => item.score);
      for (const score of scores) {
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
  });

  it('finds nothing like a movie whose only known content is a year', async () => {
    const created = await createMovie(app.http, admin, {
      title: 'A Brand New Western',
      releaseYear: 1966,
      genres: ['Western'],
    });
    // Western is unknown to the model, so this movie has no content; the year alone matches
    // nothing, not even the genre-less movie of the same year.
    for (const movie of [created.id, genreless]) {
      const response = await app.http.get(`/v1/movies/${movie}/similar?limit=5`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ strategy: 'content', items: [] });
    }
  });

  describe('a movie added after the last training', () => {
    let newHorror: number;
    let version: number;

    /** The list once it reacts to the new movie (the catalog learns of it a moment later). */
    async function reacting(
      request: () => Promise<{ status: number; body: Record<string, unknown> }>,
    ): Promise<{ strategy: string; modelVersion: number; items: Item[] }> {
      return waitFor(
        async () => {
          const response = await request();
          expect(response.status).toBe(200);
          return response.body.strategy !== 'popularity'
            ? (response.body as { strategy: string; modelVersion: number; items: Item[] })
            : undefined;
        },
        'a list that reacts to the new movie',
        10000,
      );
    }

    beforeAll(async () => {
      version = (await app.http.get('/v1/recommendations/model')).body.version;
      ({ id: newHorror } = await createMovie(app.http, admin, {
        title: 'A Brand New Horror',
        releaseYear: 1990,
        genres: ['Horror'],
      }));
      // Outside the model: its similar movies come from content alone.
      const similar = await waitFor(async () => {
        const response = await app.http.get(`/v1/movies/${newHorror}/similar?limit=5`);
        return response.status === 200 ? response.body : undefined;
      }, 'the new movie in the catalog');
      expect(similar.strategy).toBe('content');
    });

    it('moves a user who rated only it 5 stars to horror at once, naming no stand-in', async () => {
      const user = await registerAndLogin(app.http);
      await rate(user, [newHorror], 5);
      const list = await reacting(() =>
        app.http.get('/v1/users/me/recommendations?limit=10&explain=true', {
          token: user.accessToken,
        }),
      );
      expect(list.modelVersion).toBe(version);
      expect(list.strategy).not.toBe('popularity');
      expect(list.items).toHaveLength(10);
      expect(list.items.every(isHorror)).toBe(true);
      expect(list.items.map((item) => item.movie.id)).not.toContain(newHorror);
      // The one movie the user liked is outside the model; its stand-ins are never reasons.
      for (const item of list.items) expect(item.reasons).toEqual([]);
    });

    it('names only the user own liked movies as reasons beside it', async () => {
      const user = await registerAndLogin(app.http);
      const romance = catalog.moviesByGenre.Romance[0];
      await rate(user, [newHorror, romance], 5);
      const list = await reacting(() =>
        app.http.get('/v1/users/me/recommendations?limit=10&explain=true', {
          token: user.accessToken,
        }),
      );
      expect(list.items.some(isHorror)).toBe(true);
      const named = list.items.flatMap((item) => item.reasons!.map((reason) => reason.movieId));
      expect(new Set(named)).toEqual(new Set([romance]));
    });

    it('moves a visitor who picked only it to horror at once, never listing it', async () => {
      for (const pick of [{ movieId: newHorror }, { movieId: newHorror, rating: 5 }]) {
        const list = await reacting(() =>
          app.http.post('/v1/recommendations/session', {
            body: { items: [pick], limit: 10, explain: true },
          }),
        );
        expect(list.modelVersion).toBe(version);
        expect(list.items).toHaveLength(10);
        expect(list.items.every(isHorror)).toBe(true);
        expect(list.items.map((item) => item.movie.id)).not.toContain(newHorror);
        for (const item of list.items) expect(item.reasons).toEqual([]);
      }
    });

    it('reads a low rating of it as a dislike of horror, as of a known horror movie', async () => {
      const response = await app.http.post('/v1/recommendations/session', {
        body: { items: [{ movieId: newHorror, rating: 0.5 }], limit: 10 },
      });
      expect(response.status).toBe(200);
      expect(response.body.strategy).toBe('popularity');
      expect((response.body.items as Item[]).filter(isHorror)).toEqual([]);
    });
  });

  describe('a visitor without an account', () => {
    async function sessionList(
      items: Array<{ movieId: number; rating?: number }>,
      extra: Record<string, unknown> = {},
    ): Promise<{ strategy: string; items: Item[] }> {
      const response = await app.http.post('/v1/recommendations/session', {
        body: { items, limit: 10, ...extra },
      });
      expect(response.status).toBe(200);
      return response.body;
    }

    it('gets the picked genre from a few picks, never a pick back, reasons naming picks', async () => {
      const picks = horror.slice(0, 5);
      const list = await sessionList(
        picks.map((movieId) => ({ movieId })),
        { explain: true },
      );
      expect(list.strategy).not.toBe('popularity');
      expect(list.items.slice(0, 9).every(isHorror)).toBe(true);
      expect(list.items.filter((item) => picks.includes(item.movie.id))).toEqual([]);
      for (const item of list.items.filter(isHorror)) {
        expect(item.reasons!.length).toBeGreaterThan(0);
        expect(item.reasons!.every((reason) => picks.includes(reason.movieId))).toBe(true);
      }
    });

    it('reads a low rating as a dislike, as for a user', async () => {
      const list = await sessionList(
        horror.slice(0, 5).map((movieId) => ({ movieId, rating: 0.5 })),
      );
      expect(list.items.filter(isHorror)).toEqual([]);
    });

    it('refuses unknown movies (404) and bad picks (400), storing nothing', async () => {
      const before = await app.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM ratings',
      );
      const unknown = await app.http.post('/v1/recommendations/session', {
        body: { items: [{ movieId: horror[0] }, { movieId: 2147483000 }] },
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe('Movie 2147483000 does not exist');
      for (const body of [
        { items: [{ movieId: horror[0], rating: 3.3 }] },
        { items: [{ movieId: 0 }] },
        { items: horror.slice(0, 1).map((movieId) => ({ movieId })), limit: 0 },
        { items: Array.from({ length: 201 }, () => ({ movieId: horror[0] })) },
        { items: 'horror' },
        {},
      ]) {
        const response = await app.http.post('/v1/recommendations/session', { body });
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
      }
      const twice = await app.http.post('/v1/recommendations/session', {
        body: {
          items: [
            { movieId: horror[0], rating: 5 },
            { movieId: horror[0], rating: 0.5 },
          ],
        },
      });
      expect(twice.body).toEqual({
        ...badRequest('items must name each movie once'),
        errors: ['items must name each movie once'],
      });
      const after = await app.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM ratings',
      );
      expect(after).toEqual(before);
    });

    it('is offered well-known movies across every genre to pick from', async () => {
      const response = await app.http.get('/v1/onboarding/movies?limit=3');
      expect(response.status).toBe(200);
      const genres = (response.body.items as Item['movie'][]).map((movie) => movie.genres[0]);
      expect(genres.sort()).toEqual(['Comedy', 'Horror', 'Romance']);
      const longer = await app.http.get('/v1/onboarding/movies?limit=12');
      expect(longer.body.items).toHaveLength(12);
      expect(longer.body.items.slice(0, 3)).toEqual(response.body.items);
      expect((await app.http.get('/v1/onboarding/movies?limit=0')).status).toBe(400);
    });
  });
});
