import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { JWT_SECRET, login, STRONG_PASSWORD, TestUser, uniqueEmail } from './support/factories';
import { AuthStateListener, listenAuthState } from './support/auth-state-listener';
import { Http } from './support/http';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startServer, TestServer } from './support/test-server';
import { waitFor } from './support/wait-for';

const MIGRATE_CLI = join(__dirname, '../dist/src/cli/migrate.js');
const SESSION_MAX_AGE_SECONDS = 3600;
const NEW_PASSWORD = 'tundra-kettle-sonnet-58';

function migrate(databaseUrl: string): Promise<number | null> {
  const child = spawn(process.execPath, [MIGRATE_CLI], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
    stdio: 'ignore',
  });
  return new Promise((resolve) => child.once('exit', resolve));
}

function claims(accessToken: string): { sub: string; sid: string; exp: number } {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
}

/**
 * Sessions across two server processes on one database: every way a session ends (logout,
 * refresh-token reuse, password change, log out everywhere, account deletion, too many wrong
 * current passwords) stops its access tokens on the process that ended it before that process
 * answers, and on the other once the auth_state NOTIFY arrives; each end is announced there.
 */
describe('sessions end on every server process', () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];
  let a: Http;
  let b: Http;
  let listener: AuthStateListener;

  beforeAll(async () => {
    database = await createTestDatabase();
    expect(await migrate(database.url)).toBe(0);
    const env = {
      JWT_SECRET,
      RATE_LIMIT: '100000',
      AUTH_RATE_LIMIT: '100000',
      REFRESH_FAMILY_MAX_AGE_SECONDS: String(SESSION_MAX_AGE_SECONDS),
    };
    servers.push(
      ...(await Promise.all([0, 1].map(() => startServer({ databaseUrl: database.url, env })))),
    );
    [a, b] = servers.map((server) => new Http(server.url));
    listener = await listenAuthState(database.url);
  }, 60000);

  afterAll(async () => {
    await listener?.end();
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  async function register(): Promise<TestUser> {
    const email = uniqueEmail('session');
    const response = await a.post('/v1/auth/register', {
      body: { email, password: STRONG_PASSWORD },
    });
    expect(response.status).toBe(201);
    return login(a, email, STRONG_PASSWORD);
  }

  /** GET /v1/users/me on each process: the statuses, in process order. */
  async function meOnBoth(accessToken: string): Promise<number[]> {
    return Promise.all(
      [a, b].map(async (http) => (await http.get('/v1/users/me', { token: accessToken })).status),
    );
  }

  /**
   * A session ended through `endedOn`: that process refuses its access token before it has
   * answered the request that ended it (its own cache forgot the session); the other process
   * refuses it once the auth_state NOTIFY arrives, about a millisecond after the commit, so it
   * is polled with a deadline rather than raced.
   */
  async function refusedOnBoth(accessToken: string, endedOn: Http): Promise<void> {
    const status = async (http: Http): Promise<number> =>
      (await http.get('/v1/users/me', { token: accessToken })).status;
    expect(await status(endedOn)).toBe(401);
    const other = endedOn === a ? b : a;
    await waitFor(
      async () => ((await status(other)) === 401 ? true : undefined),
      'the other process to refuse the ended session',
      5000,
      5,
    );
  }

  async function refreshStatus(http: Http, refreshToken: string): Promise<number> {
    return (await http.post('/v1/auth/refresh', { body: { refreshToken } })).status;
  }

  function announced(sessionId: string): Promise<Record<string, unknown>> {
    return waitFor(
      async () => listener.notifications.find((n) => n.sessionId === sessionId),
      `the end of session ${sessionId} on auth_state`,
      5000,
      20,
    );
  }

  it('gives every access token the session it belongs to', async () => {
    const user = await register();
    const { sub, sid } = claims(user.accessToken);
    expect(sub).toBe(String(user.id));
    const [row] = await database.query<{ user_id: number; revoked_at: Date | null }>(
      'SELECT user_id, revoked_at FROM sessions WHERE id = $1',
      [sid],
    );
    expect(row).toEqual({ user_id: user.id, revoked_at: null });
    const refreshed = await a.post('/v1/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    expect(claims(refreshed.body.accessToken).sid).toBe(sid);
  });

  it('logout ends the access token on both processes', async () => {
    const user = await register();
    expect(await meOnBoth(user.accessToken)).toEqual([200, 200]);
    const out = await b.post('/v1/auth/logout', {
      token: user.accessToken,
      body: { refreshToken: user.refreshToken },
    });
    expect(out.status).toBe(204);
    await refusedOnBoth(user.accessToken, b);
    expect(await refreshStatus(a, user.refreshToken)).toBe(401);
    const message = await a.get('/v1/users/me', { token: user.accessToken });
    expect(message.body.message).toMatch(/session has ended: refresh it or log in again/);
    expect(await announced(claims(user.accessToken).sid)).toEqual({
      sessionId: claims(user.accessToken).sid,
      userId: user.id,
    });
  });

  /**
   * Each process remembers the auth state it has checked; a change made in SQL, with no
   * process told directly, reaches both through the triggers' NOTIFY.
   */
  describe('changes made outside the app reach both processes through NOTIFY', () => {
    const UNKNOWN_MOVIE = 2147483000;

    async function deleteStatusOnBoth(accessToken: string): Promise<number[]> {
      return Promise.all(
        [a, b].map(
          async (http) =>
            (await http.delete(`/v1/movies/${UNKNOWN_MOVIE}`, { token: accessToken })).status,
        ),
      );
    }

    function untilBoth(
      probe: () => Promise<number[]>,
      statuses: number[],
      what: string,
    ): Promise<number[]> {
      return waitFor(
        async () => {
          const seen = await probe();
          return seen.every((status, i) => status === statuses[i]) ? seen : undefined;
        },
        what,
        5000,
        5,
      );
    }

    it('a role granted or taken in SQL applies on both processes', async () => {
      const user = await register();
      // Both processes have checked (and remembered) the session as a plain user's.
      expect(await deleteStatusOnBoth(user.accessToken)).toEqual([403, 403]);
      await database.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [user.id]);
      await untilBoth(() => deleteStatusOnBoth(user.accessToken), [404, 404], 'the admin role');
      await database.query(`UPDATE users SET role = 'user' WHERE id = $1`, [user.id]);
      await untilBoth(() => deleteStatusOnBoth(user.accessToken), [403, 403], 'the user role');
    });

    it('a session deleted in SQL stops its access tokens on both processes', async () => {
      const user = await register();
      expect(await meOnBoth(user.accessToken)).toEqual([200, 200]);
      await database.query('DELETE FROM sessions WHERE id = $1', [claims(user.accessToken).sid]);
      await untilBoth(() => meOnBoth(user.accessToken), [401, 401], 'the session’s end');
    });
  });

  it('reuse of a rotated refresh token ends the session, its access tokens included', async () => {
    const user = await register();
    const rotated = await a.post('/v1/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(rotated.status).toBe(200);
    expect(await meOnBoth(rotated.body.accessToken)).toEqual([200, 200]);

    expect(await refreshStatus(b, user.refreshToken)).toBe(401);
    await refusedOnBoth(rotated.body.accessToken, b);
    await refusedOnBoth(user.accessToken, b);
    expect(await refreshStatus(a, rotated.body.refreshToken)).toBe(401);
    await announced(claims(user.accessToken).sid);
  });

  it('a password change ends every other session at once and keeps the caller’s', async () => {
    const user = await register();
    const other = await login(b, user.email, user.password);
    const changed = await a.post('/v1/users/me/password', {
      token: user.accessToken,
      body: { currentPassword: user.password, newPassword: NEW_PASSWORD },
    });
    expect(changed.status).toBe(204);

    await refusedOnBoth(other.accessToken, a);
    expect(await refreshStatus(b, other.refreshToken)).toBe(401);
    expect(await meOnBoth(user.accessToken)).toEqual([200, 200]);
    expect(await refreshStatus(b, user.refreshToken)).toBe(200);
    await announced(claims(other.accessToken).sid);

    const oldPassword = await b.post('/v1/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(oldPassword.status).toBe(401);
    expect((await login(b, user.email, NEW_PASSWORD)).id).toBe(user.id);
  });

  it('refuses a wrong current password (403) or a weak new one (400), changing nothing', async () => {
    const user = await register();
    const other = await login(b, user.email, user.password);
    const attempts: [Record<string, string>, number, RegExp][] = [
      [
        { currentPassword: 'not-the-password-at-all', newPassword: NEW_PASSWORD },
        403,
        /^currentPassword is not the account's current password; 4 attempts left/,
      ],
      [
        { currentPassword: user.password, newPassword: 'password-123' },
        400,
        /^newPassword is too easy to guess \(.+\): use a longer one/,
      ],
      [
        { currentPassword: user.password, newPassword: 'short' },
        400,
        /newPassword must be longer than or equal to 8 characters/,
      ],
      [
        { currentPassword: user.password, newPassword: user.password },
        400,
        /newPassword must differ from currentPassword/,
      ],
      [{ currentPassword: user.password }, 400, /newPassword/],
    ];
    for (const [body, status, message] of attempts) {
      const response = await a.post('/v1/users/me/password', { token: user.accessToken, body });
      expect({ status: response.status, message: response.body.message }).toEqual({
        status,
        message: expect.stringMatching(message),
      });
    }
    expect(await meOnBoth(other.accessToken)).toEqual([200, 200]);
    expect((await login(a, user.email, user.password)).id).toBe(user.id);
    expect((await a.post('/v1/users/me/password', { body: attempts[0][0] })).status).toBe(401);
  });

  it('ends the session after five wrong current passwords in a row', async () => {
    const user = await register();
    const other = await login(b, user.email, user.password);
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) {
      const response = await (n % 2 ? b : a).delete('/v1/users/me', {
        token: user.accessToken,
        body: { password: `wrong-guess-${n}` },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([403, 403, 403, 403, 401]);
    await refusedOnBoth(user.accessToken, a);
    expect(await refreshStatus(a, user.refreshToken)).toBe(401);
    // The account and its other sessions are untouched.
    expect(await meOnBoth(other.accessToken)).toEqual([200, 200]);
  });

  it('log out everywhere ends every session of the account, the caller’s included', async () => {
    const user = await register();
    const other = await login(b, user.email, user.password);
    const bystander = await register();
    const out = await b.post('/v1/auth/logout-all', { token: user.accessToken });
    expect(out.status).toBe(204);
    for (const session of [user, other]) {
      await refusedOnBoth(session.accessToken, b);
      expect(await refreshStatus(a, session.refreshToken)).toBe(401);
      await announced(claims(session.accessToken).sid);
    }
    expect(await meOnBoth(bystander.accessToken)).toEqual([200, 200]);
    expect((await a.post('/v1/auth/logout-all', { token: user.accessToken })).status).toBe(401);
  });

  it('deleting the account needs its current password, then ends its tokens everywhere', async () => {
    const user = await register();
    const other = await login(b, user.email, user.password);
    const missing = await a.delete('/v1/users/me', { token: user.accessToken });
    expect(missing.status).toBe(403);
    expect(missing.body.message).toMatch(/needs its current password: send \{"password"/);
    const wrong = await a.delete('/v1/users/me', {
      token: user.accessToken,
      body: { password: 'not-the-password-at-all' },
    });
    expect(wrong.status).toBe(403);
    expect(await meOnBoth(user.accessToken)).toEqual([200, 200]);

    const deleted = await b.delete('/v1/users/me', {
      token: user.accessToken,
      body: { password: user.password },
    });
    expect(deleted.status).toBe(204);
    for (const session of [user, other]) {
      await refusedOnBoth(session.accessToken, b);
      await announced(claims(session.accessToken).sid);
    }
    expect(await database.query('SELECT 1 FROM sessions WHERE user_id = $1', [user.id])).toEqual(
      [],
    );
  });

  it('ends a session REFRESH_FAMILY_MAX_AGE_SECONDS after its login, whatever the rotations', async () => {
    const user = await register();
    const { sid } = claims(user.accessToken);
    const backdate = (seconds: number): Promise<unknown> =>
      database.query(
        `UPDATE sessions SET created_at = now() - make_interval(secs => $2) WHERE id = $1`,
        [sid, seconds],
      );
    // 100 s of the session left: the new tokens live no longer than that.
    await backdate(SESSION_MAX_AGE_SECONDS - 100);
    const late = await b.post('/v1/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(late.status).toBe(200);
    expect(late.body.expiresIn).toBeGreaterThan(0);
    expect(late.body.expiresIn).toBeLessThanOrEqual(100);
    const [session] = await database.query<{ ends: number }>(
      `SELECT extract(epoch FROM created_at)::float8 + $2 AS ends FROM sessions WHERE id = $1`,
      [sid, SESSION_MAX_AGE_SECONDS],
    );
    expect(claims(late.body.accessToken).exp).toBeLessThanOrEqual(Math.ceil(session.ends));
    const [token] = await database.query<{ ok: boolean }>(
      `SELECT t.expires_at <= s.created_at + make_interval(secs => $2) AS ok
         FROM refresh_tokens t JOIN sessions s ON s.id = t.family_id
        WHERE t.token_hash = $1`,
      [createHash('sha256').update(late.body.refreshToken).digest('hex'), SESSION_MAX_AGE_SECONDS],
    );
    expect(token.ok).toBe(true);

    await backdate(SESSION_MAX_AGE_SECONDS + 1);
    expect(await refreshStatus(a, late.body.refreshToken)).toBe(401);
  });

  it('announces a change of role on auth_state', async () => {
    const user = await register();
    await database.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [user.id]);
    await waitFor(
      async () => listener.notifications.find((n) => n.userId === user.id && n.role === 'admin'),
      'the role change on auth_state',
      5000,
      20,
    );
  });
});
