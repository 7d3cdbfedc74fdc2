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
    // Nothing was written since the training read the data: it learnt from every rating.
    const [seeded] = await app.database.query<{ users: number; ratings: number }>(
      `SELECT count(DISTINCT user_id)::int AS users, count(*)::int AS ratings FROM ratings`,
    );
    expect(seeded.users).toBe(150);
    const info = await app.http.get('/v1/recommendations/model');
    expect(info.body).toMatchObject({
      status: 'serving',
      counts: { users: 150, items: 60, ratings: seeded.ratings },
      metrics: {
        ndcgAt10: expect.any(Number),
        precisionAt10: expect.any(Number),
        popularity: { ndcgAt10: expect.any(Number) },
        likedOnly: {
          model: { ndcgAt10: expect.any(Number), dislikedAt10: expect.any(Number) },
          popularity: { ndcgAt10: expect.any(Number), dislikedAt10: expect.any(Number) },
        },
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
    // Ten of the seventeen other horror movies, and nothing else.
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    expect(ids.filter((id) => catalog.moviesByGenre.Horror.includes(id))).toEqual(ids);
    // Every horror movie shares fans with all three of the user's movies: each is a reason, and
    // the shares of the score add up to 1.
    for (const item of list.body.items) {
      expect(item.movie.genres).toEqual(['Horror']);
      const reasons = item.reasons as Array<{ movieId: number; title: string; weight: number }>;
      expect(reasons.map((r) => r.movieId).sort((a, b) => a - b)).toEqual(
        [liked, alsoLiked, watched].sort((a, b) => a - b),
      );
      for (const reason of reasons) {
        expect(reason.title).toBe(
          `Horror Movie ${catalog.moviesByGenre.Horror.indexOf(reason.movieId) + 1}`,
        );
      }
      expect(reasons.reduce((sum, r) => sum + r.weight, 0)).toBeCloseTo(1, 4);
    }
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
    // Twenty romance movies, none rated by this user: a full list of five.
    expect(list.body.items).toHaveLength(5);
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
    // The model's popularity is what its training wrote to movies.popularity, and both break
    // ties by the lower movie id: the list is the trending list.
    const trending = await app.http.get('/v1/movies/trending?limit=10');
    const trendingIds = trending.body.items.map((m: { id: number }) => m.id);
    expect(trendingIds).toHaveLength(10);
    expect(list.body.items.map((i: { movie: { id: number } }) => i.movie.id)).toEqual(trendingIds);
  });

  it('lists similar movies, never the movie itself, and content neighbours for a new movie', async () => {
    const movie = catalog.moviesByGenre.Romance[3];
    const similar = await app.http.get(`/v1/movies/${movie}/similar?limit=5`);
    expect(similar.status).toBe(200);
    expect(similar.body.strategy).toBe('collaborative');
    const ids = similar.body.items.map((i: { movie: { id: number } }) => i.movie.id);
    expect(ids).toHaveLength(5);
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
    // Horror movie n came out in 1980 + n: the nearest by content are the horror movies of
    // 1990, then 1989 and 1991, then 1988 and 1992 (equal years: the lower index first).
    const horror = catalog.moviesByGenre.Horror;
    expect(cold.body.items.map((i: { movie: { id: number } }) => i.movie.id)).toEqual([
      horror[9],
      horror[8],
      horror[10],
      horror[7],
      horror[11],
    ]);
    // Same genre, same year: the same content vector.
    expect(cold.body.items[0].score).toBeCloseTo(1, 5);
    expect((await app.http.get('/v1/movies/999999/similar')).status).toBe(404);
  });

  it('keeps serving without errors while a training runs', async () => {
    const user = await registerAndLogin(app.http);
    await app.http.put(`/v1/users/me/ratings/${catalog.moviesByGenre.Comedy[1]}`, {
      token: user.accessToken,
      body: { rating: 5 },
    });
    const listOf = async (): Promise<{ status: number; version: number; ids: number[] }> => {
      const response = await app.http.get('/v1/users/me/recommendations', {
        token: user.accessToken,
      });
      const ids = (response.body.items ?? []).map((i: { movie: { id: number } }) => i.movie.id);
      return { status: response.status, version: response.body.modelVersion, ids };
    };
    const before = await listOf();
    expect(before).toMatchObject({ status: 200, version: firstVersion });
    expect(before.ids).toHaveLength(10);
    const started = await app.http.post('/v1/recommendations/model/retrain', { token: admin });
    expect(started.status).toBe(202);
    const newVersion = started.body.version as number;
    // Ask for the list again and again until the training has ended; note each answer and
    // whether the training still held its lock once the answer was in.
    const answers: Array<{ status: number; version: number; ids: number[]; training: boolean }> =
      [];
    const outcome = await waitFor(
      async () => {
        // A connection error is an answer too (status -1): waitFor would take it for "not yet".
        const answer = await listOf().catch(() => ({ status: -1, version: -1, ids: [] }));
        const { body } = await app.http.get('/v1/recommendations/model');
        answers.push({ ...answer, training: body.training });
        const ended = !body.training && body.lastTraining?.version === newVersion;
        return ended ? body.lastTraining : undefined;
      },
      `training ${newVersion} to end`,
      30000,
      0,
    );
    expect(outcome).toMatchObject({ status: 'ready', passedGate: true });
    await waitForVersion(app.http, firstVersion);
    const after = await listOf();
    expect(after).toMatchObject({ status: 200, version: newVersion });
    // At least one list was asked for and answered while the training ran (it holds its lock
    // from the 202 on); every answer is one of the two models' own lists.
    expect(answers.filter((a) => a.training).length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect([before, after]).toContainEqual({
        status: answer.status,
        version: answer.version,
        ids: answer.ids,
      });
    }
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
      `INSERT INTO model_versions (status, algorithm, params, metrics, counts, timings, checksum,
                                   artifact_bytes, artifact_sha256, promotion)
       SELECT 'ready', algorithm, params, metrics, counts, timings, checksum, artifact_bytes,
              artifact_sha256, nextval('model_versions_promotion_seq')
       FROM model_versions WHERE version = $1 RETURNING version`,
      [serving],
    );
    await app.database.query(
      `INSERT INTO model_artifact_chunks (version, seq, bytes, sha256)
       SELECT $1, seq, substring(bytes FROM 1 FOR length(bytes) / 2), sha256
       FROM model_artifact_chunks WHERE version = $2`,
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
