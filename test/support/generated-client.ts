import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'node_modules/.bin');

/** The tiny client a consumer would write against the generated types: strict, no casts. */
const CLIENT_SOURCE = `
import createClient from 'openapi-fetch';
import type { paths } from './schema';

export async function run(baseUrl: string, email: string, password: string) {
  const client = createClient<paths>({ baseUrl });
  const registered = await client.POST('/v1/auth/register', {
    body: { email, password, displayName: 'Generated' },
  });
  if (!registered.data) throw new Error('register failed: ' + JSON.stringify(registered.error));
  const login = await client.POST('/v1/auth/login', { body: { email, password } });
  if (!login.data) throw new Error('login failed: ' + JSON.stringify(login.error));
  const headers = { Authorization: login.data.tokenType + ' ' + login.data.accessToken };
  const me = await client.GET('/v1/users/me', { headers });
  const movies = await client.GET('/v1/movies', { params: { query: { q: 'matrix', limit: 5 } } });
  const firstId: number | undefined = movies.data?.items[0]?.id;
  const rated = firstId
    ? await client.PUT('/v1/users/me/ratings/{movieId}', {
        params: { path: { movieId: firstId } },
        body: { rating: 4.5 },
        headers,
      })
    : undefined;
  const history = await client.GET('/v1/users/me/history', { params: { query: { limit: 10 } }, headers });
  const badLimit = await client.GET('/v1/movies', { params: { query: { limit: 101 } } });
  return {
    userId: registered.data.id,
    meEmail: me.data?.email,
    firstTitle: movies.data?.items[0]?.title,
    ratingMean: movies.data?.items[0]?.ratingMean,
    rated: rated?.data?.rating,
    historyCursor: history.data?.nextCursor,
    badLimitStatus: badLimit.response.status,
    badLimitMessage: badLimit.error?.message,
  };
}
`;

export interface GeneratedClient {
  dir: string;
  run(baseUrl: string, email: string, password: string): Promise<Record<string, unknown>>;
  remove(): void;
}

/**
 * Generates TypeScript types from an OpenAPI document with openapi-typescript (its CLI, since
 * the package is ESM-only), type-checks and compiles a small openapi-fetch client against them
 * with tsc --strict, and loads the compiled client. Throws with the compiler's output when the
 * generated types do not fit the client.
 */
export function buildGeneratedClient(document: unknown): GeneratedClient {
  const cache = join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'openapi-client-'));
  writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
  writeFileSync(join(dir, 'client.ts'), CLIENT_SOURCE);
  const run = (command: string, args: string[]): void => {
    try {
      execFileSync(join(BIN, command), args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`${command} failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
    }
  };
  run('openapi-typescript', ['openapi.json', '--output', 'schema.ts']);
  run('tsc', [
    '--ignoreConfig',
    '--strict',
    '--noUnusedLocals',
    '--module',
    'nodenext',
    '--target',
    'es2022',
    '--skipLibCheck',
    '--types',
    'node',
    '--outDir',
    'out',
    'client.ts',
    'schema.ts',
  ]);
  return {
    dir,
    // Runs under plain Node, as a consumer's code would, and prints the result as JSON.
    run: async (baseUrl, email, password) => {
      const script =
        "require('./out/client.js').run(...process.argv.slice(1))" +
        '.then((r) => process.stdout.write(JSON.stringify(r)))' +
        '.catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); })';
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['-e', script, baseUrl, email, password],
        { cwd: dir, encoding: 'utf8' },
      );
      return JSON.parse(stdout) as Record<string, unknown>;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
