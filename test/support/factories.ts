import { createHmac, randomBytes } from 'node:crypto';
import { Http } from './http';
import { createTestDatabase, TestDatabase } from './test-database';
import { startServer, TestServer } from './test-server';

/** Passwords here pass the password policy on their merits: the rule is not relaxed for tests. */
export const ADMIN = { email: 'admin@example.com', password: 'quartz-harbor-admin-1795' };
export const STRONG_PASSWORD = 'velvet-orbit-lantern-42';
export const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789abcdef';

/** A test server's env: the admin of ADMIN, and the per-address request rate limits lifted. */
export const TEST_APP_ENV: Record<string, string> = {
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  JWT_SECRET,
  RATE_LIMIT: '100000',
  AUTH_RATE_LIMIT: '100000',
};

export interface TestApp {
  database: TestDatabase;
  server: TestServer;
  http: Http;
  stop(): Promise<void>;
}

/**
 * One fresh database and one server (with the admin of ADMIN) for a test file. The per-address
 * request rate limits are lifted: every request of a test comes from 127.0.0.1, and the tests
 * that mean to hit a limit set it through `env`.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const server = await startServer({
    databaseUrl: database.url,
    env: { ...TEST_APP_ENV, ...env },
  });
  return {
    database,
    server,
    http: new Http(server.url),
    stop: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

/** The environment of startTestApp's server (for a second process on the same database). */
export function testAppEnv(env: Record<string, string> = {}): Record<string, string> {
  return { ...TEST_APP_ENV, ...env };
}

export interface TestUser {
  id: number;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@example.com`;
}

export async function login(http: Http, email: string, password: string): Promise<TestUser> {
  const response = await http.post('/v1/auth/login', {
    body: { email, password },
    headers: { 'x-forwarded-for': `198.51.100.${1 + (randomBytes(1)[0] % 250)}` },
  });
  if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.body)}`);
  const me = await http.get('/v1/users/me', { token: response.body.accessToken });
  return { id: me.body.id, email, password, ...response.body };
}

export async function registerAndLogin(http: Http, prefix = 'user'): Promise<TestUser> {
  const email = uniqueEmail(prefix);
  const password = STRONG_PASSWORD;
  const response = await http.post('/v1/auth/register', { body: { email, password } });
  if (response.status !== 201) throw new Error(`register failed: ${JSON.stringify(response.body)}`);
  return login(http, email, password);
}

/** Users made straight in the database, each with a session and an access token for it (no argon2). */
export async function quickUsers(
  database: TestDatabase,
  count: number,
): Promise<{ id: number; token: string }[]> {
  const rows = await database.query<{ id: number; sid: string }>(
    `WITH made AS (
       INSERT INTO users (email) SELECT 'quick-' || g || '-' || md5(random()::text) || '@example.com'
         FROM generate_series(1, $1) g RETURNING id
     )
     INSERT INTO sessions (user_id) SELECT id FROM made RETURNING user_id AS id, id AS sid`,
    [count],
  );
  const exp = Math.floor(Date.now() / 1000) + 600;
  return rows.map(({ id, sid }) => ({
    id,
    token: craftJwt({ alg: 'HS256', typ: 'JWT' }, { sub: String(id), sid, exp }, JWT_SECRET),
  }));
}

export function loginAdmin(http: Http): Promise<TestUser> {
  return login(http, ADMIN.email, ADMIN.password);
}

export interface MovieInput {
  title: string;
  overview?: string;
  releaseYear?: number;
  genres?: string[];
}

export async function createMovie(
  http: Http,
  adminToken: string,
  input: MovieInput,
): Promise<{ id: number; title: string }> {
  const response = await http.post('/v1/movies', { token: adminToken, body: input });
  if (response.status !== 201) throw new Error(`movie failed: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A compact JWT with any header and claims, signed HS256 with `secret` (or unsigned). */
export function craftJwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  secret?: string,
  algorithm: 'sha256' | 'sha512' = 'sha256',
): string {
  const encode = (value: unknown): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode(header)}.${encode(claims)}`;
  if (secret === undefined) return `${unsigned}.`;
  return `${unsigned}.${createHmac(algorithm, secret).update(unsigned).digest('base64url')}`;
}
