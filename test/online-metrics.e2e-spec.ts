import { randomUUID } from 'node:crypto';
import {
  ADMIN,
  TestApp,
  TestUser,
  login,
  registerAndLogin,
  startTestApp,
  testAppEnv,
} from './support/factories';
import { Http } from './support/http';
import { startServer } from './support/test-server';
import { seedTasteCatalog, TasteCatalog } from './support/taste-catalog';
import { waitFor } from './support/wait-for';

interface Day {
  day: string;
  modelVersion: number | null;
  variant: string | null;
  lists: number;
  impressions: number;
  users: number;
  conversions: number;
  positive: number;
  clickThroughRate: number;
  positiveRate: number;
}

const HOUR_MS = 3_600_000;

/**
 * Impressions and attribution: every recommendation and similar list is named and recorded as
 * shown, and a rating or watch of a shown movie converts the latest list that showed it within
 * the window (or the one it names), counted per day and model version.
 */
describe('impressions and online metrics', () => {
  let app: TestApp;
  let catalog: TasteCatalog;
  let admin: string;
  let version: number;

  async function metrics(): Promise<Day[]> {
    const response = await app.http.get('/v1/admin/online-metrics?days=3', { token: admin });
    expect(response.status).toBe(200);
    expect(response.body.attributionWindowHours).toBe(24);
    return response.body.days;
  }

  async function recommendationsFor(user: TestUser): Promise<{
    recommendationId: string;
    items: Array<{ movie: { id: number } }>;
  }> {
    const response = await app.http.get('/v1/users/me/recommendations?limit=5', {
      token: user.accessToken,
    });
    expect(response.status).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    app = await startTestApp();
    catalog = await seedTasteCatalog(app.database, 60);
    admin = (await login(app.http, ADMIN.email, ADMIN.password)).accessToken;
    const started = await app.http.post('/v1/recommendations/model/retrain', { token: admin });
    expect(started.status).toBe(202);
    version = started.body.version;
    await waitFor(async () => {
      const { body } = await app.http.get('/v1/recommendations/model');
      return body.version === version ? true : undefined;
    }, 'the first model');
  }, 120000);

  afterAll(async () => app?.stop());

  beforeEach(async () => {
    await app.database.query('DELETE FROM impressions');
  });

  it('names every list and attributes the feedback given on it', async () => {
    const user = await registerAndLogin(app.http);
    const shown = await recommendationsFor(user);
    expect(shown.recommendationId).toMatch(/^[0-9a-f-]{36}$/);
    const [first, second, third] = shown.items.map((item) => item.movie.id);
    // A 5-star rating (positive), a 2-star one naming the list, a watch: three conversions.
    for (const [movieId, body] of [
      [first, { rating: 5 }],
      [second, { rating: 2, recommendationId: shown.recommendationId }],
    ] as const) {
      const rated = await app.http.put(`/v1/users/me/ratings/${movieId}`, {
        token: user.accessToken,
        body,
      });
      expect(rated.status).toBe(200);
    }
    const watched = await app.http.post('/v1/users/me/history', {
      token: user.accessToken,
      body: { movieId: third, progress: 0.9 },
    });
    expect(watched.status).toBe(201);
    // A visitor's list and an anonymous similar list are shown too, to nobody signed in.
    const session = await app.http.post('/v1/recommendations/session', {
      body: { items: [{ movieId: catalog.moviesByGenre.Comedy[0] }], limit: 5 },
    });
    const similar = await app.http.get(`/v1/movies/${catalog.moviesByGenre.Romance[0]}/similar`);
    expect(session.body.recommendationId).not.toBe(shown.recommendationId);
    expect(similar.body.recommendationId).toMatch(/^[0-9a-f-]{36}$/);
    const similarShown = similar.body.items.length;

    const today = new Date().toISOString().slice(0, 10);
    expect(await metrics()).toEqual([
      {
        day: today,
        modelVersion: version,
        variant: null,
        lists: 3,
        impressions: 5 + 5 + similarShown,
        users: 1,
        conversions: 3,
        positive: 1,
        clickThroughRate: Math.round((3 / (10 + similarShown)) * 1e6) / 1e6,
        positiveRate: Math.round((1 / (10 + similarShown)) * 1e6) / 1e6,
      },
    ]);
    const rows = await app.database.query<{ surface: string; user_id: number | null }>(
      'SELECT surface, user_id FROM impressions ORDER BY surface',
    );
    expect(rows).toEqual([
      { surface: 'session', user_id: null },
      { surface: 'similar', user_id: null },
      { surface: 'user', user_id: user.id },
    ]);
  });

  it('attributes to the latest list within the window, and the named list whatever its age', async () => {
    const user = await registerAndLogin(app.http);
    const [a, b, c] = catalog.moviesByGenre.Horror;
    const now = Date.now();
    const impression = async (hoursAgo: number, movieIds: number[]): Promise<string> => {
      const id = randomUUID();
      await app.database.query(
        `INSERT INTO impressions (recommendation_id, user_id, surface, model_version, strategy,
                                  movie_ids, shown_at)
         VALUES ($1, $2, 'user', 7, 'collaborative', $3, $4)`,
        [id, user.id, movieIds, new Date(now - hoursAgo * HOUR_MS)],
      );
      return id;
    };
    // Worked out by hand, all shown and rated within the last two days (UTC days vary):
    // - `old` showed a, b, c 30 h ago; `recent` showed a, b 2 h ago.
    // - a rated 5 now: the latest list within 24 h, `recent` (positive).
    // - c rated 4 now: only `old` showed it, 30 h ago, past the window: no conversion.
    // - b rated 3 naming `old`: `old`, whatever its age.
    const old = await impression(30, [a, b, c]);
    const recent = await impression(2, [a, b]);
    await app.http.put(`/v1/users/me/ratings/${a}`, {
      token: user.accessToken,
      body: { rating: 5 },
    });
    await app.http.put(`/v1/users/me/ratings/${c}`, {
      token: user.accessToken,
      body: { rating: 4 },
    });
    await app.http.put(`/v1/users/me/ratings/${b}`, {
      token: user.accessToken,
      body: { rating: 3, recommendationId: old },
    });
    const byList = await app.database.query<{ id: string }>(
      'SELECT recommendation_id AS id FROM impressions ORDER BY shown_at',
    );
    expect(byList.map((row) => row.id)).toEqual([old, recent]);
    const days = (await metrics()).filter((day) => day.modelVersion === 7);
    const total = (key: keyof Day): number =>
      days.reduce((sum, day) => sum + (day[key] as number), 0);
    expect({
      lists: total('lists'),
      impressions: total('impressions'),
      conversions: total('conversions'),
      positive: total('positive'),
    }).toEqual({ lists: 2, impressions: 5, conversions: 2, positive: 1 });
    const recentDay = days.find(
      (day) => day.day === new Date(now - 2 * HOUR_MS).toISOString().slice(0, 10),
    )!;
    // `recent` is the only list of its day unless both fell on the same UTC day.
    if (recentDay.lists === 1) {
      expect(recentDay).toMatchObject({ impressions: 2, conversions: 1, positive: 1 });
    }
  });

  it('refuses a recommendationId that is not a uuid, and the metrics to non-admins', async () => {
    const user = await registerAndLogin(app.http);
    const bad = await app.http.put(`/v1/users/me/ratings/${catalog.moviesByGenre.Horror[0]}`, {
      token: user.accessToken,
      body: { rating: 4, recommendationId: 'not-a-uuid' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/recommendationId must be a UUID/);
    expect((await app.http.get('/v1/admin/online-metrics')).status).toBe(401);
    const forbidden = await app.http.get('/v1/admin/online-metrics', { token: user.accessToken });
    expect(forbidden.status).toBe(403);
    const tooFar = await app.http.get('/v1/admin/online-metrics?days=0', { token: admin });
    expect(tooFar.status).toBe(400);
  });

  it('records nothing with RECORD_IMPRESSIONS=false, and still names every list', async () => {
    const quiet = await startServer({
      databaseUrl: app.database.url,
      env: testAppEnv({ RECORD_IMPRESSIONS: 'false' }),
    });
    const http = new Http(quiet.url);
    try {
      await waitFor(async () => {
        const { body } = await http.get('/v1/recommendations/model');
        return body.version === version ? true : undefined;
      }, 'the model on the second server');
      const user = await registerAndLogin(http);
      const shown = await http.get('/v1/users/me/recommendations?limit=5', {
        token: user.accessToken,
      });
      expect(shown.status).toBe(200);
      expect(shown.body.items.length).toBeGreaterThan(0);
      expect(shown.body.recommendationId).toMatch(/^[0-9a-f-]{36}$/);
      await quiet.stop(); // writes whatever it buffered
      const rows = await app.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM impressions WHERE recommendation_id = $1',
        [shown.body.recommendationId],
      );
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await quiet.stop();
    }
  });

  it('writes what is still buffered when the server stops', async () => {
    const user = await registerAndLogin(app.http);
    const shown = await recommendationsFor(user);
    await app.server.stop();
    const rows = await app.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM impressions WHERE recommendation_id = $1',
      [shown.recommendationId],
    );
    expect(rows).toEqual([{ n: 1 }]);
  });
});
