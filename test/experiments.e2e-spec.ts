import { assignmentPoint, variantIndexAt } from '../src/experiments/variant-assignment';
import { ADMIN, TEST_APP_ENV, TestUser, login, registerAndLogin } from './support/factories';
import { Http } from './support/http';
import { seedTasteCatalog, TasteCatalog } from './support/taste-catalog';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startServer, TestServer } from './support/test-server';
import { trainVersion } from './support/training';
import { waitFor } from './support/wait-for';

const EXPERIMENTS = '/v1/admin/experiments';

interface VariantResult {
  name: string;
  modelVersion: number;
  lists: number;
  users: number;
  impressions: number;
  conversions: number;
  positives: number;
  clickThrough: { rate: number; low: number; high: number };
  positiveRate: { rate: number; low: number; high: number };
  versusControl: null | Record<string, unknown>;
}

/**
 * A/B experiments across two server processes on one database: an admin starts one between two
 * stored versions; every signed-in user lands in the variant the hash says, on both processes
 * and at every request; lists say their variant and are recorded with it; feedback naming a list
 * counts for its variant; one experiment at a time; a stop puts everyone back on the serving
 * model on both processes.
 */
describe('A/B experiments', () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];
  let a: Http;
  let b: Http;
  let admin: string;
  let catalog: TasteCatalog;
  let control: number;
  let treatment: number;
  let users: TestUser[];

  /** A server on the shared database; the poll is slow, so following a change means NOTIFY. */
  async function start(): Promise<Http> {
    const server = await startServer({
      databaseUrl: database.url,
      env: { ...TEST_APP_ENV, MODEL_POLL_SECONDS: '600' },
    });
    servers.push(server);
    return new Http(server.url);
  }

  function startExperiment(http: Http, name: string, variants: [string, number, number?][]) {
    return http.post(EXPERIMENTS, {
      token: admin,
      body: {
        name,
        variants: variants.map(([variant, modelVersion, share]) => ({
          name: variant,
          modelVersion,
          ...(share === undefined ? {} : { share }),
        })),
      },
    });
  }

  function recommendations(http: Http, user: TestUser) {
    return http.get('/v1/users/me/recommendations?limit=5', { token: user.accessToken });
  }

  /** The variant the hash gives a user in experiment `id` split 50/50 (control first). */
  function expectedVariant(id: number, user: { id: number }): 'control' | 'treatment' {
    return variantIndexAt(assignmentPoint(id, user.id), [0.5, 0.5]) === 0 ? 'control' : 'treatment';
  }

  /**
   * Waits until both processes say (in their logs) that they follow experiment `id`'s start or
   * stop: asking for recommendations instead would add lists to the results being counted.
   */
  async function bothFollow(id: number, message: string): Promise<void> {
    for (const server of servers) {
      await waitFor(
        async () =>
          server.logs.some((l) => l.includes(message) && l.includes(`"experimentId":${id}`))
            ? true
            : undefined,
        `"${message}" for experiment ${id} on every process`,
        10000,
      );
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await start();
    catalog = await seedTasteCatalog(database, 60);
    admin = (await login(a, ADMIN.email, ADMIN.password)).accessToken;
    control = await trainVersion(a, admin);
    treatment = await trainVersion(a, admin);
    b = await start();
    users = [];
    for (let n = 0; n < 12; n++) users.push(await registerAndLogin(a, 'ab'));
  }, 180000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  it('refuses non-admins, bad bodies and versions that cannot serve, starting nothing', async () => {
    const body = {
      name: 'nope',
      variants: [
        { name: 'control', modelVersion: control },
        { name: 'treatment', modelVersion: treatment },
      ],
    };
    expect((await a.post(EXPERIMENTS, { body })).status).toBe(401);
    expect((await a.post(EXPERIMENTS, { token: users[0].accessToken, body })).status).toBe(403);
    expect((await a.get(EXPERIMENTS, { token: users[0].accessToken })).status).toBe(403);
    const variant = (name: string, modelVersion = control, share?: number) => ({
      name,
      modelVersion,
      ...(share === undefined ? {} : { share }),
    });
    const bad: [unknown, number, RegExp][] = [
      [{ name: 'one', variants: [variant('a')] }, 400, /variants must contain at least 2/],
      [
        { name: 'five', variants: ['a', 'b', 'c', 'd', 'e'].map((n) => variant(n)) },
        400,
        /variants must contain no more than 4/,
      ],
      [{ name: 'twice', variants: [variant('a'), variant('a')] }, 400, /"a" is given twice/],
      [
        { name: 'sum', variants: [variant('a', control, 0.5), variant('b', control, 0.6)] },
        400,
        /add up to 1 \(they add up to 1.1\)/,
      ],
      [
        { name: 'some', variants: [variant('a', control, 0.5), variant('b')] },
        400,
        /every variant a share, or none/,
      ],
      [
        { name: 'zero', variants: [variant('a', control, 0), variant('b', control, 1)] },
        400,
        /share/,
      ],
      [{ name: 'bad name', variants: [variant('a b'), variant('b')] }, 400, /variant name must/],
      [{ variants: [variant('a'), variant('b')] }, 400, /name/],
      [{ name: 'x', variants: [variant('a'), variant('b')], extra: 1 }, 400, /extra/],
      [{ name: 'x', variants: [variant('a'), variant('b', 999999)] }, 404, /999999 does not exist/],
    ];
    for (const [invalid, status, message] of bad) {
      const response = await a.post(EXPERIMENTS, { token: admin, body: invalid });
      expect({ status: response.status, message: response.body.message }).toEqual({
        status,
        message: expect.stringMatching(message),
      });
    }
    const [failed] = await database.query<{ version: number }>(
      `INSERT INTO model_versions (status, error) VALUES ('failed', 'injected') RETURNING version`,
    );
    const unready = await a.post(EXPERIMENTS, {
      token: admin,
      body: { name: 'x', variants: [variant('a'), variant('b', failed.version)] },
    });
    expect(unready.status).toBe(409);
    expect(unready.body.message).toMatch(/is failed: only a ready version can be a variant/);
    expect((await a.get(EXPERIMENTS, { token: admin })).body).toEqual({ items: [] });
  });

  it('splits signed-in users by the hash, the same on both processes at every request', async () => {
    const started = await startExperiment(a, 'second training vs first', [
      ['control', control],
      ['treatment', treatment],
    ]);
    expect(started.status).toBe(201);
    const id = started.body.id as number;
    expect(started.body).toMatchObject({
      name: 'second training vs first',
      status: 'running',
      stoppedAt: null,
      variants: [
        { name: 'control', modelVersion: control, share: 0.5 },
        { name: 'treatment', modelVersion: treatment, share: 0.5 },
      ],
      results: { confidence: 0.95, method: expect.stringMatching(/two-proportion z-test/) },
    });
    const expected = users.map((user) => expectedVariant(id, user));
    // Twelve users fall on both sides (fixed ids in a fresh database).
    expect(new Set(expected)).toEqual(new Set(['control', 'treatment']));
    await bothFollow(id, 'experiment serving');

    const versionOf = { control, treatment };
    const seen: { user: number; variant: string; modelVersion: number }[] = [];
    for (const [n, user] of users.entries()) {
      for (const http of [a, b, a, b]) {
        const { status, body } = await recommendations(http, user);
        expect(status).toBe(200);
        seen.push({ user: user.id, variant: body.variant, modelVersion: body.modelVersion });
        expect({ variant: body.variant, modelVersion: body.modelVersion }).toEqual({
          variant: expected[n],
          modelVersion: versionOf[expected[n]],
        });
      }
    }
    // Similar movies for a signed-in user come from their variant too.
    const movie = catalog.moviesByGenre.Horror[0];
    const similar = await b.get(`/v1/movies/${movie}/similar?limit=5`, {
      token: users[1].accessToken,
    });
    expect(similar.body).toMatchObject({
      variant: expected[1],
      modelVersion: versionOf[expected[1]],
    });
    // Visitors and anonymous lists: the serving model (the newest), no variant.
    const session = await a.post('/v1/recommendations/session', {
      body: { items: [{ movieId: movie }], limit: 5 },
    });
    expect(session.body).toMatchObject({ variant: null, modelVersion: treatment });
    const anonymous = await b.get(`/v1/movies/${movie}/similar?limit=5`);
    expect(anonymous.body).toMatchObject({ variant: null, modelVersion: treatment });
    expect(seen).toHaveLength(48);
  });

  it('records impressions with the variant and counts a rating that names the list', async () => {
    const [running] = (await a.get(EXPERIMENTS, { token: admin })).body.items;
    const id = running.id as number;
    const rows = await waitFor(async () => {
      const found = await database.query<{
        user_id: number;
        variant: string;
        model_version: number;
        lists: number;
      }>(
        `SELECT user_id, variant, model_version, count(*)::int AS lists FROM impressions
          WHERE experiment_id = $1 AND surface = 'user'
          GROUP BY user_id, variant, model_version ORDER BY user_id`,
        [id],
      );
      // Four lists per user from both processes: both buffers flushed.
      return found.length === users.length && found.every((r) => r.lists === 4) ? found : undefined;
    }, 'both processes to write the experiment impressions');
    expect(rows).toEqual(
      users.map((user) => {
        const variant = expectedVariant(id, user);
        return {
          user_id: user.id,
          variant,
          model_version: variant === 'control' ? control : treatment,
          lists: 4,
        };
      }),
    );
    // Outside the experiment: the session list and the anonymous similar list, once b's
    // buffer is written.
    const outside = await waitFor(async () => {
      const [{ n }] = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM impressions
          WHERE experiment_id IS NULL AND variant IS NULL`,
      );
      return n >= 2 ? n : undefined;
    }, 'the lists outside the experiment');
    expect(outside).toBe(2);

    // A treatment user rates the first movie of a list, naming it: one positive conversion.
    const rater = users.find((user) => expectedVariant(id, user) === 'treatment')!;
    const shown = (await recommendations(b, rater)).body;
    const rated = await a.put(`/v1/users/me/ratings/${shown.items[0].movie.id}`, {
      token: rater.accessToken,
      body: { rating: 5, recommendationId: shown.recommendationId },
    });
    expect(rated.status).toBe(200);

    const inTreatment = users.filter((user) => expectedVariant(id, user) === 'treatment').length;
    // Four lists per user, the rater's fifth, and the similar list of users[1] in its variant.
    const similarIn = expectedVariant(id, users[1]);
    const controlLists = (users.length - inTreatment) * 4 + (similarIn === 'control' ? 1 : 0);
    const treatmentLists = inTreatment * 4 + 1 + (similarIn === 'treatment' ? 1 : 0);
    const results = await waitFor(async () => {
      const { body } = await a.get(`${EXPERIMENTS}/${id}`, { token: admin });
      const variants = body.results.variants as VariantResult[];
      return variants[1].lists === treatmentLists ? variants : undefined;
    }, 'the list from process b in the results');
    const [controlResult, treatmentResult] = results;
    expect(controlResult).toMatchObject({
      name: 'control',
      modelVersion: control,
      users: users.length - inTreatment,
      lists: controlLists,
      conversions: 0,
      positives: 0,
      versusControl: null,
    });
    expect(treatmentResult).toMatchObject({
      name: 'treatment',
      modelVersion: treatment,
      users: inTreatment,
      lists: treatmentLists,
      conversions: 1,
      positives: 1,
      versusControl: {
        metric: 'clickThrough',
        difference: expect.any(Number),
        pValue: expect.any(Number),
        neededPerVariant: expect.any(Number),
      },
    });
    const rate = 1 / treatmentResult.impressions;
    expect(treatmentResult.clickThrough.rate).toBeCloseTo(rate, 6);
    expect(treatmentResult.positiveRate.rate).toBeCloseTo(rate, 6);
    expect(treatmentResult.clickThrough.low).toBeLessThan(rate);
    expect(treatmentResult.clickThrough.high).toBeGreaterThan(rate);
  });

  it("splits an app's users by the user id their app id maps to", async () => {
    const [running] = (await a.get(EXPERIMENTS, { token: admin })).body.items;
    const id = running.id as number;
    const movie = catalog.moviesByGenre.Comedy[0];
    const key = await a.post('/v1/admin/api-keys', {
      token: admin,
      body: { name: 'app', scopes: ['recommendations:read', 'feedback:write'] },
    });
    const headers = { 'x-api-key': key.body.key as string };
    await a.put(`/v1/apps/users/app-user-1/ratings/${movie}`, { headers, body: { rating: 4 } });
    const [appUser] = await database.query<{ id: number }>(
      `SELECT id FROM users WHERE app_user_id = 'app-user-1'`,
    );
    for (const http of [a, b]) {
      const listed = await http.get('/v1/apps/users/app-user-1/recommendations?limit=5', {
        headers,
      });
      expect(listed.body.variant).toBe(expectedVariant(id, appUser));
    }
    // An app's user never seen has no user id yet: the serving model, no variant.
    const unseen = await b.get('/v1/apps/users/app-user-2/recommendations?limit=5', { headers });
    expect(unseen.body).toMatchObject({ variant: null, modelVersion: treatment });
  });

  it('refuses a second experiment while one runs, naming it', async () => {
    const [running] = (await a.get(EXPERIMENTS, { token: admin })).body.items;
    const second = await startExperiment(b, 'another', [
      ['a', treatment],
      ['b', control],
    ]);
    expect(second.status).toBe(409);
    expect(second.body.message).toBe(
      `Experiment ${running.id} "second training vs first" is running: stop it ` +
        `(DELETE /v1/admin/experiments/${running.id}) before starting another`,
    );
  });

  it('serves the running experiment from the first request of a process started during it', async () => {
    const [running] = (await a.get(EXPERIMENTS, { token: admin })).body.items;
    const c = await start();
    for (const user of users.slice(0, 4)) {
      const { body } = await recommendations(c, user);
      expect(body.variant).toBe(expectedVariant(running.id, user));
    }
  });

  it('stops: every process serves the serving model again, and the results stay', async () => {
    const [running] = (await a.get(EXPERIMENTS, { token: admin })).body.items;
    const stopped = await b.delete(`${EXPERIMENTS}/${running.id}`, { token: admin });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ id: running.id, status: 'stopped' });
    expect(Date.parse(stopped.body.stoppedAt)).toBeGreaterThanOrEqual(
      Date.parse(stopped.body.startedAt),
    );
    expect(stopped.body.results.variants[1]).toMatchObject({ conversions: 1, positives: 1 });
    await bothFollow(running.id, 'experiment no longer served');
    for (const server of servers) {
      const http = new Http(server.url);
      for (const user of users.slice(0, 4)) {
        const after = await recommendations(http, user);
        expect(after.body).toMatchObject({ variant: null, modelVersion: treatment });
      }
    }
    // Stopping again changes nothing; an unknown experiment is 404, a bad id 400.
    const again = await a.delete(`${EXPERIMENTS}/${running.id}`, { token: admin });
    expect(again.body.stoppedAt).toBe(stopped.body.stoppedAt);
    expect((await a.delete(`${EXPERIMENTS}/999999`, { token: admin })).status).toBe(404);
    expect((await a.get(`${EXPERIMENTS}/999999`, { token: admin })).status).toBe(404);
    expect((await a.get(`${EXPERIMENTS}/abc`, { token: admin })).status).toBe(400);
    // A new experiment may start now; the list shows both, newest first.
    const next = await startExperiment(a, 'uneven', [
      ['a', treatment, 0.9],
      ['b', control, 0.1],
    ]);
    expect(next.status).toBe(201);
    expect(next.body.variants.map((v: { share: number }) => v.share)).toEqual([0.9, 0.1]);
    const list = (await b.get(EXPERIMENTS, { token: admin })).body.items;
    expect(list.map((e: { id: number; status: string }) => [e.id, e.status])).toEqual([
      [next.body.id, 'running'],
      [running.id, 'stopped'],
    ]);
  });

  it('stops an experiment whose model version is deleted (as the demo import deletes them)', async () => {
    const [running] = (await a.get(EXPERIMENTS, { token: admin })).body.items;
    expect(running).toMatchObject({ name: 'uneven', status: 'running' });
    await database.query('DELETE FROM model_versions WHERE version = $1', [control]);
    await bothFollow(running.id, 'experiment no longer served');
    const after = await a.get(`${EXPERIMENTS}/${running.id}`, { token: admin });
    expect(after.body).toMatchObject({
      status: 'stopped',
      variants: [{ modelVersion: treatment }, { modelVersion: control }],
    });
  });

  it('runs a training configuration stored beside the serving model as a variant', async () => {
    const retrain = '/v1/recommendations/model/retrain';
    const refused = [
      await a.post(`${retrain}?algorithm=item-knn`, { token: admin }),
      await a.post(`${retrain}?beside=true&force=true`, { token: admin }),
      await a.post(`${retrain}?beside=true&easeLambda=0`, { token: admin }),
      await a.post(`${retrain}?easeDenseScoring=false`, { token: admin }),
      await a.post(`${retrain}?beside=true&easeLambda=500&easeLambdaScale=6`, { token: admin }),
      await a.post(`${retrain}?beside=true&easeLambdaScale=0`, { token: admin }),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(refused[0].body.message).toMatch(/add beside=true/);
    expect(refused[3].body.message).toMatch(/add beside=true/);
    expect(refused[4].body.message).toMatch(/give one of them/);
    const knn = await trainVersion(a, admin, 'beside=true&algorithm=item-knn');
    const [stored] = (await a.get('/v1/recommendations/model/versions?limit=1')).body.items;
    expect(stored).toMatchObject({ version: knn, algorithm: 'item-knn', isServing: false });
    for (const http of [a, b]) {
      expect((await http.get('/v1/recommendations/model')).body.version).toBe(treatment);
    }
    const started = await startExperiment(a, 'item-knn beside', [
      ['serving', treatment],
      ['knn', knn],
    ]);
    expect(started.status).toBe(201);
    const id = started.body.id as number;
    await bothFollow(id, 'experiment serving');
    const variants = new Set<string>();
    for (const user of users) {
      const inKnn = variantIndexAt(assignmentPoint(id, user.id), [0.5, 0.5]) === 1;
      const { body } = await recommendations(b, user);
      expect({ variant: body.variant, modelVersion: body.modelVersion }).toEqual(
        inKnn
          ? { variant: 'knn', modelVersion: knn }
          : { variant: 'serving', modelVersion: treatment },
      );
      variants.add(body.variant);
    }
    expect(variants).toEqual(new Set(['serving', 'knn']));
  });
});
