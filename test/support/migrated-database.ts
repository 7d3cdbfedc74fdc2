import { runPendingMigrations } from '../../src/database/run-migrations';
import { createTestDatabase, TestDatabase } from './test-database';

/** A fresh test database with every migration applied (without starting the server). */
export async function createMigratedDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  await runPendingMigrations(database.url);
  return database;
}
