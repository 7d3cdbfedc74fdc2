import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../config/app-config';
import { resolveDatabase } from '../database/database-url';
import { runPendingMigrations } from '../database/run-migrations';
import { errorMessage } from '../common/errors/error-message';
import { createCliLogger } from './cli-logger';

/**
 * `npm run migration:run`: applies pending migrations to DATABASE_URL, or to the embedded
 * PostgreSQL in DATA_DIR when it is unset (started for the run, stopped afterwards).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // The embedded PostgreSQL's start and stop lines go through it.
  Logger.overrideLogger(createCliLogger(config));
  const database = await resolveDatabase(config);
  try {
    const ran = await runPendingMigrations(database.url);
    process.stdout.write(
      ran.length
        ? `applied ${ran.length} migration(s): ${ran.join(', ')}\n`
        : 'schema is up to date\n',
    );
  } finally {
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${errorMessage(error)}\n`);
  process.exit(1);
});
