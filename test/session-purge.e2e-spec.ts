import { registerAndLogin, login } from './support/factories';
import { Http } from './support/http';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startServer, TestServer } from './support/test-server';
import { waitFor } from './support/wait-for';

function sessionOf(accessToken: string): string {
  return (
    JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as {
      sid: string;
    }
  ).sid;
}

/**
 * The session tables stay bounded: SESSION_PURGE_CRON (here every second) deletes sessions that
 * ended more than a day ago, with their refresh tokens, and refresh tokens past their expiry,
 * and leaves everything that can still authenticate.
 */
describe('purging ended sessions', () => {
  let database: TestDatabase;
  let server: TestServer;
  let http: Http;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer({
      databaseUrl: database.url,
      env: { SESSION_PURGE_CRON: '* * * * * *' },
    });
    http = new Http(server.url);
  }, 60000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('deletes ended sessions and expired refresh tokens, and nothing that still works', async () => {
    const live = await registerAndLogin(http, 'purge-live');
    const refreshed = await http.post('/v1/auth/refresh', {
      body: { refreshToken: live.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    // The rotated-out token of the live session, expired a minute ago.
    await database.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 minute'
        WHERE family_id = $1 AND revoked_at IS NOT NULL`,
      [sessionOf(live.accessToken)],
    );
    const ended = await login(http, live.email, live.password);
    const loggedOut = await http.post('/v1/auth/logout', {
      token: ended.accessToken,
      body: { refreshToken: ended.refreshToken },
    });
    expect(loggedOut.status).toBe(204);
    await database.query(
      `UPDATE sessions SET revoked_at = now() - interval '2 days' WHERE id = $1`,
      [sessionOf(ended.accessToken)],
    );

    await waitFor(
      async () => {
        const [{ sessions, tokens }] = await database.query<{ sessions: number; tokens: number }>(
          `SELECT (SELECT count(*) FROM sessions WHERE id = $1)::int AS sessions,
                (SELECT count(*) FROM refresh_tokens WHERE expires_at < now())::int AS tokens`,
          [sessionOf(ended.accessToken)],
        );
        return sessions === 0 && tokens === 0 ? true : undefined;
      },
      'the purge of the ended session and the expired token',
      20000,
    );

    const remaining = await database.query<{ id: string; revoked: boolean }>(
      `SELECT id, revoked_at IS NOT NULL AS revoked FROM sessions`,
    );
    expect(remaining).toEqual([{ id: sessionOf(live.accessToken), revoked: false }]);
    expect((await http.get('/v1/users/me', { token: refreshed.body.accessToken })).status).toBe(
      200,
    );
    expect((await http.get('/v1/users/me', { token: ended.accessToken })).status).toBe(401);
    const again = await http.post('/v1/auth/refresh', {
      body: { refreshToken: refreshed.body.refreshToken },
    });
    expect(again.status).toBe(200);
  }, 60000);
});
