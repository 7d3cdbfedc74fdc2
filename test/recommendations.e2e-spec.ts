import {
  ADMIN,
  JWT_SECRET,
  TestApp,
  login,
  registerAndLogin,
  startTestApp,
} from './support/factories';
import { Http } from './support/http';
import { TasteCatalog, scrambleRatings, seedTasteCatalog } from './support/taste-catalog';
import { startServer } from './support/test-server';
import { waitFor } from './support/wait-for';

/** Waits until the server serves a version newer than `after` and returns it. */
function waitForVersion(http: Http, after: number | null): Promise<number> {
  return waitFor(async () => {
    const { body } = await http.get('/v1/recommendations/model');
    return body.version !== null && body.version !== after ? (body.version as number) : undefined;
  }, `a model version after ${after}`);
}

/** Waits until the newest training (any outcome) is `version` and has ended. */
function waitForTraining(
  http: Http,
  version: number,
): Promise<{ status: string; passedGate: boolean | null }> {
  return waitFor(async () => {
    const { body } = await http.get('/v1/recommendations/model');
    const last = body.lastTraining;
    return last && last.version === version && !body.training ? last : undefined;
  }, `training ${version} to end`);
}

describe('recommendations', () => {
  let app: TestApp;
  let catalog: TasteCatalog;
  let admin: string;
  let firstVersion: number;

  beforeAll(async () => {
    app = await startTestApp({ QUALITY_GATE_MARGIN: '0.05', MODEL_POLL_SECONDS: '1' });
    catalog = await seedTasteCatalog(app.database);
    admin = (await login(app.http, ADMIN.email, ADMIN.password)).accessToken;
  }, 120000);

  afterAll(async () => app?.stop());

  it('serves popularity before any model exists', async () => {
    const info = await app.http.get('/v1/recommendations/model');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ version: null, status: 'popularity-fallback' });
    const user = await registerAndLogin(app.http);
    const list = await app.http.get('/v1/users/me/recommendations', { token: user.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.strategy).toBe('popularity');
    expect(list.body.modelVersion).toBeNull();
  });

  it('refuses retrain without a token (401) and for a plain user (403)', async () => {
    expect((await app.http.post('/v1/recommendations/model/retrain')).status).toBe(401);
    const user = await registerAndLogin(app.http);
    expect(
      (await app.http.post('/v1/recommendations/model/retrain', { token: user.accessToken }))
        .status,
    ).toBe(403);
  });

  it('starts one training (202) and answers 409 to a second while it runs', async () => {
    const [a, b] = await Promise.all([
      app.http.post('/v1/recommendations/model/retrain', { token: admin }),
      app.http.post('/v1/recommendations/model/retrain', { token: admin }),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const started = a.status === 202 ? a.body : b.body;
    expect(started).toMatchObject({ status: 'started', version: expect.any(Number) });
    expect((a.status === 409 ? a : b).body.statusCode).toBe(409);
    firstVersion = await waitForVersion(app.http, null);
    expect(firstVersion).toBe(started.version);
    const info = await app.http.get('/v1/recommendations/model');
    expect(info.body).toMatchObject({
      status: 'serving',
      counts: { users: expect.any(Number), items: 60, ratings: expect.any(Number) },
      metrics: {
        ndcgAt10: expect.any(Number),
        precisionAt10: expect.any(Number),
        popularity: { ndcgAt10: expect.any(Number) },
      },
      lastTraining: { version: firstVersion, status: 'ready', passedGate: true },
    });
    expect(info.body.metrics.ndcgAt10).toBeGreaterThan(info.body.metrics.popularity.ndcgAt10);
  });

  it('recommends a horror fan horror, excluding what they rated or watched, with reasons of their own', async () => {
    const fan = await registerAndLogin(app.http, 'horror-fan');
    const [liked, alsoLiked, watched] = catalog.moviesByGenre.Horror;
    for (const movie of [liked, alsoLiked]) {
      expect(
        (
          await app.http.put(`/v1/users/me/ratings/${movie}`, {
            token: fan.accessToken,
            body: { rating: 5 },
          })
        ).status,
      ).toBe(200);
    }
    await app.http.post('/v1/users/me/history', {
      token: fan.accessToken,
      body: { movieId: watched },
    });
    const list = await app.http.get('/v1/users/me/recommendations?limit=10&explain=true', {
      token: fan.accessToken,
    });
    expect(list.status).toBe(200);
    expect(['collaborative', 'hybrid']).toContain(list.body.strategy);
    const ids: number[] = list.body.items.map((i: { movie: { id: number } }) => i.movie.id);
    expect(ids).not.toContain(liked);
    expect(ids).not.toContain(alsoLiked);
    expect(ids).not.toContain(watched);
    const horror = ids.filter((id) => catalog.moviesByGenre.Horror.includes(id));
    expect(horror.length).toBeGreaterThanOrEqual(8);
    for (const item of list.body.items) {
      for (const reason of item.reasons)
        expect([liked, alsoLiked, watched]).toContain(reason.movieId);
    }
    expect(list.body.items[0].reasons.length).toBeGreaterThan(0);
    expect(list.body.items[0].movie).toMatchObject({
      id: expect.any(Number),
      title: expect.any(String),
      genres: ['Horror'],
    });
  });

  it('changes the next list at once after a new rating, without a retrain', async () => {
    const user = await registerAndLogin(app.http);
    await app.http.put(`/v1/users/me/ratings/${catalog.moviesByGenre.Comedy[0]}`, {
      token: user.accessToken,
      body: { rating: 5 },
    });
    const before = await app.http.get('/v1/users/me/recommendations?limit=5', {
      token: user.accessToken,
    });
    const top = before.body.items[0].movie.id;
    await app.http.put(`/v1/users/me/ratings/${top}`, {
      token: user.accessToken,
      body: { rating: 4 },
    });
    const after = await app.http.get('/v1/users/me/recommendations?limit=5', {
      token: user.accessToken,
    });
    expect(after.body.modelVersion).toBe(before.body.modelVersion);
    expect(after.body.items.map((i: { movie: { id: number } }) => i.movie.id)).not.toContain(top);
  });

  it('honours the genre filter and rejects an unknown genre with 400', async () => {
    const fan = await registerAndLogin(app.http);
    await app.http.put(`/v1/users/me/ratings/${catalog.moviesByGenre.Horror[0]}`, {
      token: fan.accessToken,
      body: { rating: 5 },
    });
    const list = await app.http.get('/v1/users/me/recommendations?genre=romance&limit=5', {
      token: fan.accessToken,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const item of list.body.items) expect(item.movie.genres).toEqual(['Romance']);
    const unknown = await app.http.get('/v1/users/me/recommendations?genre=Western', {
      token: fan.accessToken,
    });
    expect(unknown.status).toBe(400);
    const badLimit = await app.http.get('/v1/users/me/recommendations?limit=101', {
      token: fan.accessToken,
    });
    expect(badLimit.status).toBe(400);
  });

  it('gives a new user the popularity strategy', async () => {
    const user = await registerAndLogin(app.http);
    const list = await app.http.get('/v1/users/me/recommendations', { token: user.accessToken });
    expect(list.body).toMatchObject({ strategy: 'popularity', modelVersion: firstVersion });
    expect(list.body.items.length).toBeGreaterThan(0);
  });

  it('lists similar movies, never the movie itself, and content neighbours for a new movie', async () => {
    const movie = catalog.moviesByGenre.Romance[3];
    const similar = await app.http.get(`/v1/movies/${movie}/similar?limit=5`);
    expect(similar.status).toBe(200);
    expect(similar.body.strategy).toBe('collaborative');
    const ids = similar.body.items.map((i: { movie: { id: number } }) => i.movie.id);
    expect(ids).not.toContain(movie);
    expect(ids.every((id: number) => catalog.moviesByGenre.Romance.includes(id))).toBe(true);
    const created = await app.http.post('/v1/movies', {
      token: admin,
      body: { title: 'A Brand New Scream', releaseYear: 1990, genres: ['Horror'] },
    });
    expect(created.status).toBe(201);
    const cold = await app.http.get(`/v1/movies/${created.body.id}/similar?limit=5`);
    expect(cold.status).toBe(200);
    expect(cold.body.strategy).toBe('content');
    expect(cold.body.items.length).toBe(5);
    for (const item of cold.body.items) expect(item.movie.genres).toContain('Horror');
    expect((await app.http.get('/v1/movies/999999/similar')).status).toBe(404);
  });

  it('keeps serving without errors while a training runs', async () => {
    const user = await registerAndLogin(app.http);
    await app.http.put(`/v1/users/me/ratings/${catalog.moviesByGenre.Comedy[1]}`, {
      token: user.accessToken,
      body: { rating: 5 },
    });
    const started = await app.http.post('/v1/recommendations/model/retrain', { token: admin });
    expect(started.status).toBe(202);
    const statuses: number[] = [];
    let done = false;
    const training = waitForTraining(app.http, started.body.version).then(() => (done = true));
    while (!done) {
      const response = await app.http.get('/v1/users/me/recommendations', {
        token: user.accessToken,
      });
      statuses.push(response.status);
    }
    await training;
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('keeps a worse model out (quality gate) unless forced', async () => {
    const serving = (await app.http.get('/v1/recommendations/model')).body.version;
    await scrambleRatings(app.database);
    const gated = await app.http.post('/v1/recommendations/model/retrain', { token: admin });
    const outcome = await waitForTraining(app.http, gated.body.version);
    expect(outcome).toMatchObject({ status: 'rejected', passedGate: false });
    expect((await app.http.get('/v1/recommendations/model')).body.version).toBe(serving);
    const forced = await app.http.post('/v1/recommendations/model/retrain?force=true', {
      token: admin,
    });
    expect(forced.body).toMatchObject({ status: 'started', force: true });
    expect(await waitForVersion(app.http, serving)).toBe(forced.body.version);
  });

  it('refuses a corrupt artifact and keeps serving the previous model', async () => {
    const serving = (await app.http.get('/v1/recommendations/model')).body.version;
    const [{ version }] = await app.database.query<{ version: number }>(
      `INSERT INTO model_versions (status, algorithm, params, metrics, counts, timings, checksum, artifact_bytes)
       SELECT 'ready', algorithm, params, metrics, counts, timings, checksum, artifact_bytes
       FROM model_versions WHERE version = $1 RETURNING version`,
      [serving],
    );
    await app.database.query(
      `INSERT INTO model_artifacts (version, bytes)
       SELECT $1, substring(bytes FROM 1 FOR length(bytes) / 2) FROM model_artifacts WHERE version = $2`,
      [version, serving],
    );
    await app.database.query(`SELECT pg_notify('model_versions', $1)`, [String(version)]);
    await waitFor(
      async () =>
        app.server.logs.some((l) => l.includes('model artifact refused')) ? true : undefined,
      'the refusal',
    );
    const refusal = app.server.logs.find((l) => l.includes('model artifact refused'))!;
    expect(JSON.parse(refusal)).toMatchObject({ level: 40, version, servingVersion: serving });
    expect((await app.http.get('/v1/recommendations/model')).body.version).toBe(serving);
    const user = await registerAndLogin(app.http);
    expect(
      (await app.http.get('/v1/users/me/recommendations', { token: user.accessToken })).status,
    ).toBe(200);
    await app.database.query(`DELETE FROM model_versions WHERE version = $1`, [version]);
  });

  it('serves the stored model after a restart without retraining, and a second process follows new versions', async () => {
    const serving = (await app.http.get('/v1/recommendations/model')).body.version;
    const second = await startServer({
      databaseUrl: app.database.url,
      env: { JWT_SECRET, MODEL_POLL_SECONDS: '60' },
    });
    try {
      const http2 = new Http(second.url);
      expect((await http2.get('/v1/recommendations/model')).body.version).toBe(serving);
      expect(second.logs.some((l) => l.includes('training started'))).toBe(false);
      const started = await app.http.post('/v1/recommendations/model/retrain?force=true', {
        token: admin,
      });
      // The second process learns of it through NOTIFY (its poll is a minute away).
      expect(await waitForVersion(http2, serving)).toBe(started.body.version);
    } finally {
      await second.stop();
    }
  });
});
