import { Client } from 'pg';

/**
 * Public tables, views, sequences of their own and functions still owned by the connected
 * superuser (a database made before the app had a role of its own), handed to `role`.
 */
function handObjectsTo(role: string): string {
  return `
  DO $$
  DECLARE statement text;
  BEGIN
    FOR statement IN
      SELECT format('ALTER %s %I.%I OWNER TO ${role}',
                    CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                   WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                    n.nspname, c.relname)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
         AND c.relowner = current_user::regrole
         AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass
                            AND d.deptype IN ('a', 'i'))
      UNION ALL
      SELECT format('ALTER FUNCTION %s OWNER TO ${role}', p.oid::regprocedure)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.proowner = current_user::regrole
         AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.objid = p.oid AND d.deptype = 'e')
    LOOP
      EXECUTE statement;
    END LOOP;
  END $$`;
}

/** `url` with its database replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Makes `database` the app's, as the superuser of `adminUrl`: the ordinary role `role` (created,
 * or its password set and any extra powers taken away), the database created or handed to it,
 * and whatever the superuser still owns in its public schema handed over too. Idempotent. The
 * app then runs its migrations and everything else as that role: it owns its database and
 * nothing more (pg_trgm, the one extension, is trusted, so the owner may create it).
 */
export async function ensureAppDatabase(
  adminUrl: string,
  database: string,
  role: string,
  password: string,
): Promise<void> {
  await withClient(adminUrl, async (admin) => {
    const roleSql = admin.escapeIdentifier(role);
    const passwordSql = admin.escapeLiteral(password);
    const { rowCount: roleExists } = await admin.query(
      'SELECT 1 FROM pg_roles WHERE rolname = $1',
      [role],
    );
    await admin.query(
      roleExists
        ? `ALTER ROLE ${roleSql} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION ` +
            `NOBYPASSRLS PASSWORD ${passwordSql}`
        : `CREATE ROLE ${roleSql} WITH LOGIN PASSWORD ${passwordSql}`,
    );
    const { rowCount: databaseExists } = await admin.query(
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [database],
    );
    const databaseSql = admin.escapeIdentifier(database);
    await admin.query(
      databaseExists
        ? `ALTER DATABASE ${databaseSql} OWNER TO ${roleSql}`
        : `CREATE DATABASE ${databaseSql} OWNER ${roleSql}`,
    );
  });
  await withClient(withDatabase(adminUrl, database), async (admin) => {
    await admin.query(handObjectsTo(admin.escapeIdentifier(role)));
  });
}

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
