import {
  ADMIN,
  JWT_SECRET,
  loginAdmin,
  registerAndLogin,
  startTestApp,
  TestApp,
} from './support/factories';
import { AuthStateListener, listenAuthState } from './support/auth-state-listener';
import { Http } from './support/http';
import { startServer, TestServer } from './support/test-server';
import { waitFor } from './support/wait-for';

/** The per-key limit of server A (server B keeps the default). */
const KEY_LIMIT = 30;

/**
 * Service keys across two server processes on one database: created by an admin and shown once,
 * refused outside their scopes (403) and when unknown or revoked (401), a revocation holding on
 * the other process at the very next request, and requests counted per key.
 */
describe('service API keys', () => {
  let app: TestApp;
  let other: TestServer;
  let a: Http;
  let b: Http;
  let adminToken: string;
  let listener: AuthStateListener;

  beforeAll(async () => {
    app = await startTestApp({ API_KEY_RATE_LIMIT: String(KEY_LIMIT) });
    other = await startServer({
      databaseUrl: app.database.url,
      env: {
        JWT_SECRET,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        RATE_LIMIT: '100000',
      },
    });
    a = app.http;
    b = new Http(other.url);
    adminToken = (await loginAdmin(a)).accessToken;
    listener = await listenAuthState(app.database.url);
  }, 90000);

  afterAll(async () => {
    await listener?.end();
    await other?.stop();
    await app?.stop();
  });

  async function createKey(
    scopes: string[],
    extra: Record<string, unknown> = {},
  ): Promise<{ id: number; key: string }> {
    const response = await a.post('/v1/admin/api-keys', {
      token: adminToken,
      body: { name: `key ${scopes.join(' ')}`, scopes, ...extra },
    });
    expect(response.status).toBe(201);
    return response.body;
  }

  function putMovie(http: Http, key: string, imdbId: string, title: string) {
    return http.put(`/v1/movies/by-imdb/${imdbId}`, {
      headers: { 'x-api-key': key },
      body: { title },
    });
  }

  it('creates a key shown once, stored only as a hash, listed without it', async () => {
    const created = await a.post('/v1/admin/api-keys', {
      token: adminToken,
      body: { name: 'web backend', scopes: ['recommendations:read', 'feedback:write'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      name: 'web backend',
      prefix: created.body.key.slice(0, 12),
      scopes: ['recommendations:read', 'feedback:write'],
      createdAt: expect.any(String),
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      key: expect.stringMatching(/^mrk_[A-Za-z0-9_-]{43}$/),
    });
    const stored = await app.database.query<{ hex: string }>(
      `SELECT encode(key_hash, 'hex') AS hex FROM api_keys WHERE id = $1`,
      [created.body.id],
    );
    expect(stored[0].hex).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.body.key);

    const list = await a.get('/v1/admin/api-keys', { token: adminToken });
    expect(list.status).toBe(200);
    const listed = list.body.items.find((item: { id: number }) => item.id === created.body.id);
    expect(listed).toEqual({ ...created.body, key: undefined });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
  });

  it('lets only admins manage keys and rejects bad input with 400', async () => {
    const user = await registerAndLogin(a, 'keys');
    expect((await a.get('/v1/admin/api-keys', { token: user.accessToken })).status).toBe(403);
    expect((await a.get('/v1/admin/api-keys')).status).toBe(401);
    for (const body of [
      { name: 'x', scopes: ['catalog:delete'] },
      { name: 'x', scopes: [] },
      { name: '', scopes: ['catalog:write'] },
      { name: 'x', scopes: ['catalog:write'], expiresAt: '2001-01-01T00:00:00Z' },
      { name: 'x', scopes: ['catalog:write'], owner: 1 },
    ]) {
      const response = await a.post('/v1/admin/api-keys', { token: adminToken, body });
      expect(response.status).toBe(400);
    }
    expect((await a.delete('/v1/admin/api-keys/999999', { token: adminToken })).status).toBe(404);
  });

  it('lets a key do what its scopes allow and nothing else (403), unknown keys 401', async () => {
    const writer = await createKey(['catalog:write']);
    const reader = await createKey(['recommendations:read']);
    const created = await putMovie(a, writer.key, 'tt0114709', 'Toy Story');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Toy Story', imdbId: 'tt0114709', tmdbId: null });

    const forbidden = await putMovie(a, reader.key, 'tt0114709', 'Toy Story 0');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toBe('This API key lacks the scope catalog:write');

    const unknown = await putMovie(a, `mrk_${'A'.repeat(43)}`, 'tt0114709', 'x');
    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe('The API key is unknown or has been revoked');
    expect((await putMovie(a, 'not-a-key', 'tt0114709', 'x')).status).toBe(401);
    expect((await a.put('/v1/movies/by-imdb/tt0114709', { body: { title: 'x' } })).status).toBe(
      401,
    );
    const movie = await a.get('/v1/movies/by-imdb/tt0114709');
    expect(movie.body.title).toBe('Toy Story');
  });

  it('refuses an expired key with 401', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    const { id, key } = await createKey(['catalog:write'], { expiresAt: soon });
    await app.database.query(
      `UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    const response = await putMovie(a, key, 'tt0000001', 'Carmencita');
    expect(response.status).toBe(401);
    expect(response.body.message).toBe('The API key has expired: ask an admin for a new one');
  });

  it('stops a revoked key at the next request on the other process, and announces it', async () => {
    const { id, key } = await createKey(['catalog:write']);
    expect((await putMovie(b, key, 'tt0111161', 'The Shawshank Redemption')).status).toBe(201);
    expect((await a.delete(`/v1/admin/api-keys/${id}`, { token: adminToken })).status).toBe(204);
    // No wait: process B must refuse the key at its very next request.
    const afterRevoke = await putMovie(b, key, 'tt0111161', 'The Shawshank Redemption');
    expect(afterRevoke.status).toBe(401);
    expect((await putMovie(a, key, 'tt0111161', 'x')).status).toBe(401);
    await waitFor(
      async () => (listener.notifications.some((n) => n.apiKeyId === id) ? true : undefined),
      'the auth_state notification of the revoked key',
      5000,
    );
    expect(listener.notifications.filter((n) => n.apiKeyId === id)).toEqual([{ apiKeyId: id }]);
    // Revoking again changes nothing and announces nothing more.
    expect((await a.delete(`/v1/admin/api-keys/${id}`, { token: adminToken })).status).toBe(204);
    const list = await a.get('/v1/admin/api-keys?limit=100', { token: adminToken });
    const listed = list.body.items.find((item: { id: number }) => item.id === id);
    expect(listed.revokedAt).toEqual(expect.any(String));
  });

  it('records the last use of a key', async () => {
    const { id, key } = await createKey(['catalog:write']);
    expect((await putMovie(b, key, 'tt0133093', 'The Matrix')).status).toBe(201);
    const used = await waitFor(async () => {
      const list = await a.get('/v1/admin/api-keys?limit=100', { token: adminToken });
      const listed = list.body.items.find((item: { id: number }) => item.id === id);
      return listed?.lastUsedAt ?? undefined;
    }, 'lastUsedAt of the used key');
    expect(Date.parse(used)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('counts requests per key, not per address', async () => {
    const first = await createKey(['catalog:write']);
    const second = await createKey(['catalog:write']);
    for (let i = 0; i < KEY_LIMIT; i++) {
      expect((await putMovie(a, first.key, 'tt0068646', 'The Godfather')).status).toBeLessThan(300);
    }
    const throttled = await putMovie(a, first.key, 'tt0068646', 'The Godfather');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another key from the same address, and the address without a key, go on.
    expect((await putMovie(a, second.key, 'tt0068646', 'The Godfather')).status).toBe(200);
    expect((await a.get('/v1/movies/by-imdb/tt0068646')).status).toBe(200);
  });
});
