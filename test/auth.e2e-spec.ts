import {
  craftJwt,
  JWT_SECRET,
  ADMIN,
  login,
  loginAdmin,
  registerAndLogin,
  STRONG_PASSWORD,
} from './support/factories';
import { startTestApp, TestApp, uniqueEmail } from './support/factories';
import { Argon2Probe, createArgon2Probe } from './support/argon2-probe';
import { Http } from './support/http';
import { badRequest } from './support/error-bodies';

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe('auth and account', () => {
  let app: TestApp;
  let http: Http;
  let probe: Argon2Probe;

  beforeAll(async () => {
    probe = createArgon2Probe();
    app = await startTestApp({ LOGIN_MAX_FAILURES_PER_ADDRESS: '15', ...probe.env });
    http = app.http;
  });

  afterAll(async () => {
    await app?.stop();
    probe?.remove();
  });

  describe('register', () => {
    it('creates an account and never returns the password', async () => {
      const email = uniqueEmail('reg');
      const response = await http.post('/v1/auth/register', {
        body: { email, password: STRONG_PASSWORD, displayName: 'Ada' },
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(Number),
        email,
        displayName: 'Ada',
        role: 'user',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      });
      const [row] = await app.database.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE id = $1',
        [response.body.id],
      );
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('answers 409 for an email taken in another case', async () => {
      const email = uniqueEmail('dup');
      await http.post('/v1/auth/register', { body: { email, password: STRONG_PASSWORD } });
      const again = await http.post('/v1/auth/register', {
        body: { email: email.toUpperCase(), password: STRONG_PASSWORD },
      });
      expect(again.status).toBe(409);
      expect(again.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: expect.any(String),
      });
    });

    it.each([
      ['a bad email', { email: 'not-an-email', password: STRONG_PASSWORD }, 'email'],
      ['a short password', { email: 'a@example.com', password: 'short' }, 'password'],
      [
        'a long displayName',
        { email: 'b@example.com', password: STRONG_PASSWORD, displayName: 'x'.repeat(65) },
        'displayName',
      ],
      [
        'an unknown field',
        { email: 'c@example.com', password: STRONG_PASSWORD, role: 'admin' },
        'role',
      ],
    ])('rejects %s with 400 naming the field', async (_case, body, field) => {
      const response = await http.post('/v1/auth/register', { body });
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('Bad Request');
      expect(JSON.stringify(response.body.message)).toContain(field);
    });

    it('rejects malformed JSON with 400', async () => {
      const response = await http.post('/v1/auth/register', {
        rawBody: '{"email": "x@',
        headers: {},
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(badRequest(expect.any(String)));
    });

    it('rejects a body over 1 MiB with 413', async () => {
      const rawBody = JSON.stringify({ email: 'big@example.com', password: 'x'.repeat(1100000) });
      const response = await http.post('/v1/auth/register', { rawBody });
      expect(response.status).toBe(413);
      expect(response.body.statusCode).toBe(413);
    });
  });

  describe('login', () => {
    it('returns tokens for the right password', async () => {
      const user = await registerAndLogin(http);
      expect(user.accessToken.split('.')).toHaveLength(3);
      const response = await http.post('/v1/auth/login', {
        body: { email: user.email.toUpperCase(), password: user.password },
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
      });
    });

    it('answers the same 401 for an unknown email and a wrong password, each after one argon2 verification of the same cost', async () => {
      // Equal work rather than equal time: both failures verify one argon2id hash with a real
      // user's cost parameters (an unknown email verifies a dummy hash), so an attacker cannot
      // tell them apart by timing. The probe sees the calls; a timing ratio would be flaky.
      const user = await registerAndLogin(http);
      const [{ password_hash: hash }] = await app.database.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE id = $1',
        [user.id],
      );
      const userHashCost = `verify ${hash.split('$').slice(0, 4).join('$')}`;
      expect(userHashCost).toMatch(/^verify \$argon2id\$v=\d+\$m=\d+(,[pt]=\d+){2}$/);
      const attempt = async (
        email: string,
        address: string,
      ): Promise<{ body: unknown; verifications: string[] }> => {
        const before = probe.verifications().length;
        const response = await http.post('/v1/auth/login', {
          body: { email, password: 'wrong-password' },
          headers: { 'x-forwarded-for': address },
        });
        expect(response.status).toBe(401);
        return { body: response.body, verifications: probe.verifications().slice(before) };
      };
      for (let i = 1; i <= 2; i += 1) {
        const wrong = await attempt(user.email, `192.0.2.${i}`);
        const unknown = await attempt(uniqueEmail('nobody'), `192.0.2.${100 + i}`);
        expect(unknown.body).toEqual(wrong.body);
        expect(wrong.verifications).toEqual([userHashCost]);
        expect(unknown.verifications).toEqual([userHashCost]);
      }
    });

    it('throttles an account after 10 failures with 429 and Retry-After, even with the right password', async () => {
      const user = await registerAndLogin(http);
      for (let i = 0; i < 10; i += 1) {
        const failed = await http.post('/v1/auth/login', {
          body: { email: user.email, password: 'wrong-password' },
          headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        });
        expect(failed.status).toBe(401);
      }
      const throttled = await http.post('/v1/auth/login', {
        body: { email: user.email, password: user.password },
        headers: { 'x-forwarded-for': '203.0.113.200' },
      });
      expect(throttled.status).toBe(429);
      expect(throttled.body.error).toBe('Too Many Requests');
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      const rows = await app.database.query('SELECT key FROM login_throttle WHERE key = $1', [
        `account:${user.email}`,
      ]);
      expect(rows).toHaveLength(1);
    });

    it('throttles a client address after its configured failures across accounts', async () => {
      const address = '233.252.0.9';
      for (let i = 0; i < 15; i += 1) {
        const failed = await http.post('/v1/auth/login', {
          body: { email: uniqueEmail('spray'), password: 'wrong-password' },
          headers: { 'x-forwarded-for': address },
        });
        expect(failed.status).toBe(401);
      }
      const throttled = await http.post('/v1/auth/login', {
        body: { email: ADMIN.email, password: ADMIN.password },
        headers: { 'x-forwarded-for': address },
      });
      expect(throttled.status).toBe(429);
    });

    it('rejects a login body with unknown fields with 400', async () => {
      const response = await http.post('/v1/auth/login', {
        body: { email: 'a@example.com', password: 'x', remember: true },
      });
      expect(response.status).toBe(400);
    });
  });

  describe('refresh and logout', () => {
    it('rotates: the new token works once, and reusing the old one revokes the family', async () => {
      const user = await registerAndLogin(http);
      const first = await http.post('/v1/auth/refresh', {
        body: { refreshToken: user.refreshToken },
      });
      expect(first.status).toBe(200);
      expect(first.body.tokenType).toBe('Bearer');
      expect(first.body.refreshToken).not.toBe(user.refreshToken);
      expect((await http.get('/v1/users/me', { token: first.body.accessToken })).status).toBe(200);

      const reused = await http.post('/v1/auth/refresh', {
        body: { refreshToken: user.refreshToken },
      });
      expect(reused.status).toBe(401);
      const afterReuse = await http.post('/v1/auth/refresh', {
        body: { refreshToken: first.body.refreshToken },
      });
      expect(afterReuse.status).toBe(401);
    });

    it('lets exactly one of concurrent refreshes with one token through', async () => {
      const user = await registerAndLogin(http);
      const statuses = await Promise.all(
        Array.from({ length: 8 }, async () => {
          const body = { refreshToken: user.refreshToken };
          return (await http.post('/v1/auth/refresh', { body })).status;
        }),
      );
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 401)).toHaveLength(7);
    });

    it('answers 401 for an unknown refresh token', async () => {
      const response = await http.post('/v1/auth/refresh', { body: { refreshToken: 'nope' } });
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('Unauthorized');
    });

    it('logs out: 204 and the refresh token stops working', async () => {
      const user = await registerAndLogin(http);
      const body = { refreshToken: user.refreshToken };
      const out = await http.post('/v1/auth/logout', { token: user.accessToken, body });
      expect(out.status).toBe(204);
      expect((await http.post('/v1/auth/refresh', { body })).status).toBe(401);
    });

    it('refuses logout without an access token, or with another user’s refresh token', async () => {
      const a = await registerAndLogin(http);
      const b = await registerAndLogin(http);
      const body = { refreshToken: a.refreshToken };
      expect((await http.post('/v1/auth/logout', { body })).status).toBe(401);
      expect((await http.post('/v1/auth/logout', { token: b.accessToken, body })).status).toBe(401);
      expect((await http.post('/v1/auth/refresh', { body })).status).toBe(200);
    });
  });

  describe('access tokens', () => {
    let user: Awaited<ReturnType<typeof registerAndLogin>>;

    beforeAll(async () => {
      user = await registerAndLogin(http);
    });

    it('returns the account for a valid token', async () => {
      const me = await http.get('/v1/users/me', { token: user.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        id: user.id,
        email: user.email,
        displayName: null,
        role: 'user',
        createdAt: expect.any(String),
      });
    });

    it.each([
      ['missing', () => undefined],
      ['malformed', () => 'not-a-jwt'],
      [
        'tampered',
        () => user.accessToken.slice(0, -3) + (user.accessToken.endsWith('AAA') ? 'BBB' : 'AAA'),
      ],
      [
        'expired',
        () =>
          craftJwt(
            { alg: 'HS256', typ: 'JWT' },
            { sub: String(user.id), iat: nowSeconds() - 100, exp: nowSeconds() - 10 },
            JWT_SECRET,
          ),
      ],
      [
        'alg none',
        () =>
          craftJwt({ alg: 'none', typ: 'JWT' }, { sub: String(user.id), exp: nowSeconds() + 600 }),
      ],
      [
        'HS512 (swapped algorithm)',
        () =>
          craftJwt(
            { alg: 'HS512', typ: 'JWT' },
            { sub: String(user.id), exp: nowSeconds() + 600 },
            JWT_SECRET,
            'sha512',
          ),
      ],
      [
        'signed with another secret',
        () =>
          craftJwt(
            { alg: 'HS256', typ: 'JWT' },
            { sub: String(user.id), exp: nowSeconds() + 600 },
            'another-secret-another-secret-another',
          ),
      ],
    ])('refuses a %s token with 401', async (_case, token) => {
      const response = await http.get('/v1/users/me', { token: token() });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.any(String),
      });
    });

    it('accepts a hand-made HS256 token with the right secret and a live session (the craft is sound)', async () => {
      const { sid } = JSON.parse(
        Buffer.from(user.accessToken.split('.')[1], 'base64url').toString(),
      ) as { sid: string };
      const token = craftJwt(
        { alg: 'HS256', typ: 'JWT' },
        { sub: String(user.id), sid, exp: nowSeconds() + 600 },
        JWT_SECRET,
      );
      expect((await http.get('/v1/users/me', { token })).status).toBe(200);
    });
  });

  it('creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD at start-up', async () => {
    const admin = await loginAdmin(http);
    const me = await http.get('/v1/users/me', { token: admin.accessToken });
    expect(me.body.role).toBe('admin');
  });

  it('deletes the account with its ratings, history and tokens; its tokens stop at once', async () => {
    const user = await registerAndLogin(http);
    const other = await registerAndLogin(http);
    const [movie] = await app.database.query<{ id: number }>(
      `INSERT INTO movies (title) VALUES ('Deletion Test') RETURNING id`,
    );
    await app.database.query(
      'INSERT INTO ratings (user_id, movie_id, rating) VALUES ($1, $3, 5), ($2, $3, 2)',
      [user.id, other.id, movie.id],
    );
    await app.database.query('INSERT INTO watch_history (user_id, movie_id) VALUES ($1, $2)', [
      user.id,
      movie.id,
    ]);

    const deleted = await http.delete('/v1/users/me', {
      token: user.accessToken,
      body: { password: user.password },
    });
    expect(deleted.status).toBe(204);
    expect((await http.get('/v1/users/me', { token: user.accessToken })).status).toBe(401);
    expect(
      (await http.post('/v1/auth/refresh', { body: { refreshToken: user.refreshToken } })).status,
    ).toBe(401);
    for (const table of ['users', 'ratings', 'watch_history', 'refresh_tokens']) {
      const column = table === 'users' ? 'id' : 'user_id';
      const rows = await app.database.query(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [
        user.id,
      ]);
      expect(rows).toHaveLength(0);
    }
    const [aggregate] = await app.database.query(
      'SELECT rating_count, rating_mean FROM movies WHERE id = $1',
      [movie.id],
    );
    expect(aggregate).toEqual({ rating_count: 1, rating_mean: 2 });
    expect((await login(http, other.email, other.password)).id).toBe(other.id);
  });

  it('refuses DELETE /v1/users/me without a token', async () => {
    expect((await http.delete('/v1/users/me')).status).toBe(401);
  });
});
