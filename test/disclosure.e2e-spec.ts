import { randomBytes } from 'node:crypto';
import { registerAndLogin, startTestApp, TestApp, uniqueEmail } from './support/factories';

describe('what responses give away', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('marks token and account responses Cache-Control: no-store', async () => {
    const email = uniqueEmail('cache');
    const password = 'a-good-password';
    const responses = {
      register: await app.http.post('/v1/auth/register', { body: { email, password } }),
      login: await app.http.post('/v1/auth/login', { body: { email, password } }),
    };
    const tokens = responses.login.body;
    Object.assign(responses, {
      me: await app.http.get('/v1/users/me', { token: tokens.accessToken }),
      refresh: await app.http.post('/v1/auth/refresh', {
        body: { refreshToken: tokens.refreshToken },
      }),
      failedLogin: await app.http.post('/v1/auth/login', { body: { email, password: 'nope' } }),
    });
    for (const [name, response] of Object.entries(responses)) {
      expect([name, response.headers.get('cache-control')]).toEqual([name, 'no-store']);
    }
    expect((responses as Record<string, { status: number }>).refresh.status).toBe(200);
  });

  it('refuses to register an address of the imported users’ namespace, whether it exists or not', async () => {
    const taken = `movielens-${randomBytes(3).toString('hex')}@users.invalid`;
    await app.database.query(`INSERT INTO users (email, display_name) VALUES ($1, 'Imported')`, [
      taken,
    ]);
    const free = `movielens-${randomBytes(3).toString('hex')}@USERS.invalid`;
    const answers = [];
    for (const email of [taken, free]) {
      const response = await app.http.post('/v1/auth/register', {
        body: { email, password: 'a-good-password' },
      });
      expect(response.status).toBe(400);
      answers.push(response.body);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(JSON.stringify(answers[0])).toMatch(/email.*reserved/);
    const [{ count }] = await app.database.query<{ count: string }>(
      `SELECT count(*) FROM users WHERE lower(email) = lower($1)`,
      [free],
    );
    expect(count).toBe('0');
  });

  it('still answers 409 for a taken ordinary address', async () => {
    const user = await registerAndLogin(app.http, 'taken');
    const again = await app.http.post('/v1/auth/register', {
      body: { email: user.email, password: 'another-password' },
    });
    expect(again.status).toBe(409);
  });
});
