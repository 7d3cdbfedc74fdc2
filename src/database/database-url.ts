import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  url: string;
  /** Set when no DATABASE_URL was given: the caller stops it last, after the pool is closed. */
  embedded: EmbeddedPostgres | undefined;
}

/** DATABASE_URL when set; otherwise starts the embedded PostgreSQL in DATA_DIR. */
export async function resolveDatabase(config: AppConfig): Promise<ResolvedDatabase> {
  if (config.database.url) return { url: config.database.url, embedded: undefined };
  const embedded = await EmbeddedPostgres.start({
    dataDir: config.database.dataDir,
    port: config.database.embeddedPort,
    logger: new Logger('EmbeddedPostgres'),
  });
  return { url: embedded.url, embedded };
}
