/** What `prepare-database` needs: a superuser's URL, and the role and database the app uses. */
export interface PrepareDatabaseConfig {
  /** A superuser's URL: it creates or fixes the role and the database. */
  adminUrl: string;
  role: string;
  password: string;
  database: string;
}

const ADMIN_EXAMPLE = 'a superuser, e.g. postgres://postgres:<password>@host:5432/postgres';
const APP_EXAMPLE =
  "the app's own role and database, e.g. postgres://movies_app:<password>@host:5432/movies";

/**
 * ADMIN_DATABASE_URL and DATABASE_URL, checked: each a URL, the app's naming a role, its
 * password and a database, and not the superuser itself. Errors say what to set.
 */
export function readPrepareDatabaseConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): PrepareDatabaseConfig {
  const admin = requiredUrl(env, 'ADMIN_DATABASE_URL', ADMIN_EXAMPLE);
  const app = requiredUrl(env, 'DATABASE_URL', APP_EXAMPLE);
  const role = decodeURIComponent(app.username);
  const password = decodeURIComponent(app.password);
  const database = decodeURIComponent(app.pathname.replace(/^\//, ''));
  if (!role || !password || !database) {
    throw new Error(
      'DATABASE_URL must name a role, its password and a database ' +
        '(postgres://<role>:<password>@host:5432/<database>)',
    );
  }
  if (role === decodeURIComponent(admin.username)) {
    throw new Error(
      'DATABASE_URL names the superuser of ADMIN_DATABASE_URL: give the app a role of its own',
    );
  }
  return { adminUrl: admin.toString(), role, password, database };
}

function requiredUrl(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  example: string,
): URL {
  const value = env[name];
  if (!value) throw new Error(`${name} is unset: set it to ${example}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: set it to ${example}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`${name} is not a postgres:// URL: set it to ${example}`);
  }
  return url;
}
