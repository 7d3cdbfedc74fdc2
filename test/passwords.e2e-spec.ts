import { JWT_SECRET, startTestApp, TestApp, uniqueEmail } from './support/factories';
import { createTestDatabase } from './support/test-database';
import { startServer } from './support/test-server';
import { badRequest } from './support/error-bodies';

/** The password policy at the edges where a password is chosen: register and ADMIN_PASSWORD. */
describe('password policy', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  async function accounts(email: string): Promise<number> {
    const rows = await app.database.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [
      email,
    ]);
    return rows.length;
  }

  it.each([
    ['a common password', 'password123', 'commonly used password'],
    ['a common password with a suffix', 'iloveyou-2024', 'commonly used password'],
    ['a leetspeak common password', 'P@ssw0rd!', 'commonly used password'],
    ['a keyboard pattern', 'qwertyuiop[]', ''],
    ['a repeated character', 'zzzzzzzzzzzz', 'repeats characters'],
  ])(
    'refuses %s at register with 400 that says what to do, creating nothing',
    async (_case, password, reason) => {
      const email = uniqueEmail('weak');
      const response = await app.http.post('/v1/auth/register', { body: { email, password } });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        badRequest(
          expect.stringMatching(
            /^password is too easy to guess.*: use a longer one, such as three or four unrelated uncommon words, or a password manager's random password$/,
          ),
        ),
      );
      expect(response.body.message).toContain(reason);
      expect(await accounts(email)).toBe(0);
    },
  );

  it('refuses a password built from the email or the display name', async () => {
    const email = uniqueEmail('marguerite');
    const local = email.split('@')[0];
    for (const body of [
      { email, password: `${local}!` },
      { email, password: 'MargueriteYourcenar', displayName: 'Marguerite Yourcenar' },
    ]) {
      const response = await app.http.post('/v1/auth/register', { body });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('it contains your email, your name');
    }
    expect(await accounts(email)).toBe(0);
  });

  it.each([
    ['7 characters', 'k3#Vq9z', 'password must be longer than or equal to 8 characters'],
    [
      '129 characters',
      'k3#Vq9zW'.repeat(16) + 'x',
      'password must be shorter than or equal to 128 characters',
    ],
  ])('keeps the length at 8..128: %s is 400', async (_case, password, message) => {
    const response = await app.http.post('/v1/auth/register', {
      body: { email: uniqueEmail('length'), password },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(message);
  });

  it('accepts a 128-character random password and a passphrase', async () => {
    for (const password of ['k3#Vq9zW'.repeat(16), 'glacier tulip harbor 87']) {
      const response = await app.http.post('/v1/auth/register', {
        body: { email: uniqueEmail('strong'), password },
      });
      expect(response.status).toBe(201);
    }
  });

  it('refuses to start with a weak ADMIN_PASSWORD, naming it and never echoing it', async () => {
    const database = await createTestDatabase();
    try {
      const start = startServer({
        databaseUrl: database.url,
        env: { JWT_SECRET, ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'Password1!' },
      });
      const error: Error = await start.then(
        async (server) => {
          await server.stop();
          return new Error('the server started');
        },
        (failure: Error) => failure,
      );
      expect(error.message).toMatch(/server exited \(1\) before it was ready/);
      expect(error.message).toMatch(/ADMIN_PASSWORD is too easy to guess/);
      expect(error.message).not.toContain('Password1!');
      expect(await database.query(`SELECT 1 FROM users WHERE role = 'admin'`)).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});
