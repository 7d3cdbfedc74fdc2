import { tuningObjective } from '../src/recommender/tuning/tuning-objective';
import { ADMIN, TEST_APP_ENV, login } from './support/factories';
import { Http } from './support/http';
import { seedTasteCatalog } from './support/taste-catalog';
import { createMigratedDatabase } from './support/migrated-database';
import { TestDatabase } from './support/test-database';
import { startServer, TestServer } from './support/test-server';
import { trainVersion } from './support/training';
import { waitFor } from './support/wait-for';

interface Figures {
  ndcgAt10: number;
  likedOnlyNdcgAt10: number;
  dislikedAt10: number;
}

interface Tuning {
  budgetSeconds: number;
  trials: number;
  searchMs: number;
  stoppedBy: string;
  chosen: Record<string, number>;
  changed: Record<string, number>;
  validation: { users: number; thinUsers: number; defaults: Figures; chosen: Figures };
}

const BUDGET_SECONDS = 4;

/** The value at a dotted path of the model's params (`itemKnn.neighbours`). */
function paramAt(params: Record<string, unknown>, path: string): unknown {
  const [head, tail] = path.split('.');
  return tail === undefined ? params[head] : (params[head] as Record<string, unknown>)[tail];
}

describe('self-tuning at training (TUNING_BUDGET_SECONDS)', () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];

  async function start(env: Record<string, string>): Promise<{ http: Http; server: TestServer }> {
    const server = await startServer({
      databaseUrl: database.url,
      env: { ...TEST_APP_ENV, ...env },
    });
    servers.push(server);
    return { http: new Http(server.url), server };
  }

  /** A forced training through the admin route; resolves once `http`'s server serves it. */
  async function train(http: Http): Promise<number> {
    const admin = (await login(http, ADMIN.email, ADMIN.password)).accessToken;
    const version = await trainVersion(http, admin);
    await waitFor(
      async () =>
        (await http.get('/v1/recommendations/model')).body.version === version ? true : undefined,
      `version ${version} to serve`,
    );
    return version;
  }

  beforeAll(async () => {
    database = await createMigratedDatabase();
    await seedTasteCatalog(database, 150);
  }, 60000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  it('stores the values a small budget chose and shows them in ModelInfo and the versions list', async () => {
    const { http, server } = await start({ TUNING_BUDGET_SECONDS: String(BUDGET_SECONDS) });
    const version = await train(http);

    const info = await http.get('/v1/recommendations/model');
    expect(info.status).toBe(200);
    const tuning = info.body.tuning as Tuning;
    expect(tuning).toMatchObject({
      budgetSeconds: BUDGET_SECONDS,
      trials: expect.any(Number),
      searchMs: expect.any(Number),
      stoppedBy: expect.stringMatching(/^(converged|budget|rounds)$/),
    });
    expect(tuning.trials).toBeGreaterThanOrEqual(1);
    // EASE on this small catalog: its lambda's scale, K and movie count, and the scoring
    // parameters.
    expect(Object.keys(tuning.chosen).sort()).toEqual([
      'easeLambdaScale',
      'easeMaxItems',
      'itemKnn.neighbours',
      'scoring.dislikeWeight',
      'scoring.thinHistory',
    ]);
    // The model was trained with what was chosen, and scores with EASE's whole solve (the
    // default EASE_DENSE_SCORING).
    const params = info.body.params as Record<string, unknown>;
    expect(params.easeDenseScoring).toBe(true);
    for (const [path, value] of Object.entries(tuning.chosen)) {
      if (path === 'easeMaxItems') expect(params.easeItems).toBe(value);
      else expect(paramAt(params, path)).toBe(value);
    }
    for (const [path, value] of Object.entries(tuning.changed)) {
      expect(tuning.chosen[path]).toBe(value);
    }
    // Never worse than the defaults on the validation split it was chosen on.
    const { defaults, chosen, users, thinUsers } = tuning.validation;
    expect(users).toBeGreaterThan(0);
    // Up to a fifth of the validation users measured from a thin history.
    expect(thinUsers).toBeGreaterThan(0);
    expect(thinUsers).toBeLessThanOrEqual(Math.round(users / 5));
    for (const figures of [defaults, chosen]) {
      for (const value of Object.values(figures)) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
    expect(tuningObjective(chosen, defaults)).toBeGreaterThanOrEqual(
      tuningObjective(defaults, defaults),
    );

    const versions = await http.get('/v1/recommendations/model/versions?limit=1');
    expect(versions.body.items[0]).toMatchObject({ version, tuning });

    const logged = server.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === 'hyperparameters tuned');
    expect(logged).toMatchObject({
      version,
      trials: tuning.trials,
      budgetSeconds: BUDGET_SECONDS,
      validationNdcgAt10: { defaults: expect.any(Number), chosen: expect.any(Number) },
    });
  }, 180000);

  it('trains with the defaults and shows tuning null when the budget is 0', async () => {
    const { http } = await start({ TUNING_BUDGET_SECONDS: '0', EASE_DENSE_SCORING: 'false' });
    const version = await train(http);
    const info = await http.get('/v1/recommendations/model');
    expect(info.body).toMatchObject({ version, tuning: null });
    expect(info.body.params).toMatchObject({
      algorithm: 'ease',
      // λ from the data: 8 times the mean interaction count of the solve's movies.
      easeLambdaScale: 8,
      itemKnn: { neighbours: 100 },
      // EASE_DENSE_SCORING=false reaches the training.
      easeDenseScoring: false,
    });
    expect(info.body.params.easeLambda).toBeGreaterThan(0);
    const versions = await http.get('/v1/recommendations/model/versions?limit=2');
    expect(versions.body.items[0]).toMatchObject({ version, tuning: null });
    expect(versions.body.items[1].tuning).toMatchObject({ budgetSeconds: BUDGET_SECONDS });
  }, 180000);
});
