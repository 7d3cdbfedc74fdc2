import { JWT_SECRET } from './support/factories';
import { Http } from './support/http';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startServer, TestServer } from './support/test-server';

const ADMIN_EMAIL = 'boss@example.com';
const ADMIN_PASSWORD = 'the-operators-password';
const SQUATTER_PASSWORD = 'the-squatters-password';

describe('admin bootstrap over an account registered first', () => {
  let database: TestDatabase;
  let server: TestServer | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const start = async (env: Record<string, string> = {}): Promise<Http> => {
    await server?.stop();
    server = await startServer({ databaseUrl: database.url, env: { JWT_SECRET, ...env } });
    return new Http(server.url);
  };

  it('sets ADMIN_PASSWORD, ends the squatter’s sessions and warns, on promotion only', async () => {
    let http = await start();
    const registered = await http.post('/v1/auth/register', {
      body: { email: ADMIN_EMAIL.toUpperCase(), password: SQUATTER_PASSWORD },
    });
    expect(registered.status).toBe(201);
    const squatter = await http.post('/v1/auth/login', {
      body: { email: ADMIN_EMAIL, password: SQUATTER_PASSWORD },
    });
    expect(squatter.status).toBe(200);

    http = await start({ ADMIN_EMAIL, ADMIN_PASSWORD });
    const promotion = server!.logs.find((line) => line.includes('existing account promoted'));
    expect(promotion).toBeDefined();
    expect(JSON.parse(promotion!)).toMatchObject({ level: 40, userId: registered.body.id });

    const refreshed = await http.post('/v1/auth/refresh', {
      body: { refreshToken: squatter.body.refreshToken },
    });
    expect(refreshed.status).toBe(401);
    const squatterAgain = await http.post('/v1/auth/login', {
      body: { email: ADMIN_EMAIL, password: SQUATTER_PASSWORD },
    });
    expect(squatterAgain.status).toBe(401);
    const admin = await http.post('/v1/auth/login', {
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    expect(admin.status).toBe(200);
    const me = await http.get('/v1/users/me', { token: admin.body.accessToken });
    expect(me.body).toMatchObject({ id: registered.body.id, role: 'admin' });

    // A restart finds the account already admin: its sessions and password are left alone.
    http = await start({ ADMIN_EMAIL, ADMIN_PASSWORD });
    expect(server!.logs.some((line) => line.includes('existing account promoted'))).toBe(false);
    const kept = await http.post('/v1/auth/refresh', {
      body: { refreshToken: admin.body.refreshToken },
    });
    expect(kept.status).toBe(200);
  }, 60000);
});
