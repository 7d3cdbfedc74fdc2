import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

/**
 * Applies the pending migrations to the database at `url` with a short-lived TypeORM
 * connection, for the CLI jobs and the tests (the server migrates through its DatabaseModule).
 * Returns the names of the migrations it ran.
 */
export async function runPendingMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({
    ...buildDataSourceOptions({
      url,
      poolSize: 1,
      statementTimeoutMs: 0,
      applicationName: 'movie-recommender-migrate',
    }),
    logging: false,
  });
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
