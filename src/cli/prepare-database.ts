import { errorMessage } from '../common/errors/error-message';
import { readPrepareDatabaseConfig } from '../config/prepare-database-config';
import { ensureAppDatabase } from '../database/app-role';

/**
 * `node dist/src/cli/prepare-database.js`: as the superuser of ADMIN_DATABASE_URL, makes the
 * role, password and database of DATABASE_URL the app's own (ensureAppDatabase): an ordinary
 * role that owns its database and nothing more, so the app never runs as a superuser. For
 * deployments whose PostgreSQL hands out a superuser only (docker-compose.yml runs it before
 * the app); idempotent, so it runs at every start, and a database the app made earlier as the
 * superuser is handed over.
 */
async function main(): Promise<void> {
  const { adminUrl, database, role, password } = readPrepareDatabaseConfig();
  await ensureAppDatabase(adminUrl, database, role, password);
  process.stdout.write(`database "${database}" is owned by the ordinary role "${role}"\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`prepare-database failed: ${errorMessage(error)}\n`);
  process.exit(1);
});
