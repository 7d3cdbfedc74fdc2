import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface ConnectionSettings {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  applicationName?: string;
}

/**
 * One definition of the connection for the app, the CLI jobs and the tests. The schema comes
 * from the migrations only (`synchronize` is never on); they run before the app serves.
 */
export function buildDataSourceOptions(settings: ConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    applicationName: settings.applicationName ?? 'movie-recommender',
    extra: {
      max: settings.poolSize,
      // Fail fast instead of queueing forever when the pool or the server is unavailable.
      connectionTimeoutMillis: 5000,
      statement_timeout: settings.statementTimeoutMs,
      idle_in_transaction_session_timeout: 60000,
    },
  };
}
