import { ADMIN, TEST_APP_ENV, login, registerAndLogin } from './support/factories';
import { Http } from './support/http';
import { seedTasteCatalog } from './support/taste-catalog';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startServer, TestServer } from './support/test-server';
import { trainVersion } from './support/training';
import { waitFor } from './support/wait-for';

interface VersionItem {
  version: number;
  status: string;
  isServing: boolean;
  hasArtifact: boolean;
  artifactBytes: number | null;
  metrics: { ndcgAt10: number; passedGate: boolean } | null;
  createdAt: string;
  trainedAt: string | null;
}

const VERSIONS = '/v1/recommendations/model/versions';

describe('model versions: history, rollback and retention', () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];
  let a: Http;
  let b: Http;
  let admin: string;
  const trained: number[] = [];

  /** A server on the shared database; the poll is slow, so following a change means NOTIFY. */
  async function start(env: Record<string, string> = {}): Promise<TestServer> {
    const server = await startServer({
      databaseUrl: database.url,
      env: { ...TEST_APP_ENV, MODEL_POLL_SECONDS: '600', ...env },
    });
    servers.push(server);
    return server;
  }

  function servedVersion(http: Http, version: number): Promise<true> {
    return waitFor(
      async () =>
        (await http.get('/v1/recommendations/model')).body.version === version ? true : undefined,
      `version ${version} to serve`,
      10000,
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    a = new Http((await start()).url);
    await seedTasteCatalog(database, 60);
    admin = (await login(a, ADMIN.email, ADMIN.password)).accessToken;
    for (let n = 0; n < 3; n++) trained.push(await trainVersion(a, admin));
    await servedVersion(a, trained[2]);
    b = new Http((await start()).url);
  }, 180000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  it('lists every version newest first, a page at a time, naming the serving one', async () => {
    const first = await a.get(`${VERSIONS}?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 3, page: 1, limit: 2 });
    const items = first.body.items as VersionItem[];
    expect(items.map((v) => v.version)).toEqual([trained[2], trained[1]]);
    expect(items.map((v) => v.isServing)).toEqual([true, false]);
    for (const item of items) {
      expect(item).toMatchObject({
        status: 'ready',
        hasArtifact: true,
        artifactBytes: expect.any(Number),
        metrics: { ndcgAt10: expect.any(Number), passedGate: true },
        trainedAt: expect.any(String),
      });
    }
    const second = await a.get(`${VERSIONS}?limit=2&page=2`);
    expect((second.body.items as VersionItem[]).map((v) => v.version)).toEqual([trained[0]]);
    expect((await a.get(`${VERSIONS}?limit=101`)).status).toBe(400);
    expect((await a.get(`${VERSIONS}?page=0`)).status).toBe(400);
  });

  it('refuses a rollback without a token (401), from a plain user (403), and a bad id (400)', async () => {
    const path = `${VERSIONS}/${trained[0]}/serve`;
    expect((await a.post(path)).status).toBe(401);
    const user = await registerAndLogin(a);
    expect((await a.post(path, { token: user.accessToken })).status).toBe(403);
    expect((await a.post(`${VERSIONS}/abc/serve`, { token: admin })).status).toBe(400);
    expect((await a.get('/v1/recommendations/model')).body.version).toBe(trained[2]);
  });

  it('answers 404 for an unknown version and 409 for one that is not ready', async () => {
    const missing = await a.post(`${VERSIONS}/999999/serve`, { token: admin });
    expect(missing.status).toBe(404);
    const [failed] = await database.query<{ version: number }>(
      `INSERT INTO model_versions (status, error) VALUES ('failed', 'injected') RETURNING version`,
    );
    const refused = await a.post(`${VERSIONS}/${failed.version}/serve`, { token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/failed: only a ready version can serve/);
    expect((await a.get('/v1/recommendations/model')).body.version).toBe(trained[2]);
  });

  it('rolls every server back to an earlier version, and the next good training serves again', async () => {
    await servedVersion(b, trained[2]);
    const rolled = await a.post(`${VERSIONS}/${trained[0]}/serve`, { token: admin });
    expect(rolled.status).toBe(200);
    expect(rolled.body).toMatchObject({ version: trained[0], isServing: true });
    // The second process follows through the model channel (its poll is ten minutes away).
    await servedVersion(b, trained[0]);
    await servedVersion(a, trained[0]);
    const listed = (await b.get(VERSIONS)).body.items as VersionItem[];
    expect(listed.filter((v) => v.isServing).map((v) => v.version)).toEqual([trained[0]]);
    // Serving the serving version again changes nothing.
    expect((await b.post(`${VERSIONS}/${trained[0]}/serve`, { token: admin })).status).toBe(200);

    trained.push(await trainVersion(a, admin));
    await servedVersion(a, trained[3]);
    await servedVersion(b, trained[3]);
  }, 60000);

  it('deletes the bytes of old versions in the nightly job and keeps the rows', async () => {
    // Two rejected versions with bytes: with MODEL_RETENTION=1 only the newest failed or
    // rejected version is kept, so the older rejected one loses its bytes. They are dated an
    // hour back, or the schedule would take them for a training of its first tick and skip it.
    const rejected: number[] = [];
    for (let n = 0; n < 2; n++) {
      const [row] = await database.query<{ version: number }>(
        `INSERT INTO model_versions (status, algorithm, checksum, artifact_bytes, artifact_sha256,
                                     created_at)
         SELECT 'rejected', algorithm, checksum, artifact_bytes, artifact_sha256,
                now() - interval '1 hour'
           FROM model_versions WHERE version = $1 RETURNING version`,
        [trained[3]],
      );
      await database.query(
        `INSERT INTO model_artifact_chunks (version, seq, bytes, sha256)
         SELECT $1, seq, bytes, sha256 FROM model_artifact_chunks WHERE version = $2`,
        [row.version, trained[3]],
      );
      rejected.push(row.version);
    }
    // Ticks ten seconds apart: the server is stopped right after the first run's retention,
    // long before a second training could end. A margin of 1 lets that training pass the gate.
    const nightly = await start({
      RETRAIN_CRON: '*/10 * * * * *',
      MODEL_RETENTION: '1',
      QUALITY_GATE_MARGIN: '1',
    });
    const line = await waitFor(
      async () => nightly.logs.find((l) => l.includes('old model artifacts deleted')),
      'the nightly retention',
      60000,
    );
    await nightly.stop();
    const deleted = (JSON.parse(line) as { versions: number[] }).versions;
    // The nightly training became the serving version; trained[3] is the previous one.
    expect(deleted).toEqual([trained[0], trained[1], trained[2], rejected[0]]);

    const items = (await a.get(`${VERSIONS}?limit=100`)).body.items as VersionItem[];
    const byVersion = new Map(items.map((v) => [v.version, v]));
    for (const version of deleted) {
      expect(byVersion.get(version)).toMatchObject({ hasArtifact: false, isServing: false });
      expect(byVersion.get(version)?.artifactBytes).toEqual(expect.any(Number));
    }
    expect(byVersion.get(trained[3])?.hasArtifact).toBe(true);
    expect(byVersion.get(rejected[1])?.hasArtifact).toBe(true);
    const [chunks] = await database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM model_artifact_chunks WHERE version = ANY($1)',
      [deleted],
    );
    expect(chunks.n).toBe(0);

    const gone = await a.post(`${VERSIONS}/${trained[1]}/serve`, { token: admin });
    expect(gone.status).toBe(409);
    expect(gone.body.message).toMatch(/no longer has its artifact/);
    // The previous version kept its bytes: a rollback to it still works on every server.
    expect((await a.post(`${VERSIONS}/${trained[3]}/serve`, { token: admin })).status).toBe(200);
    await servedVersion(b, trained[3]);
  }, 90000);
});
