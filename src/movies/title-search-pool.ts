import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { WORD_SIMILARITY_THRESHOLD } from './title-search';

/** Connections kept for title searches: each search is CPU work in PostgreSQL, not waiting. */
const MAX_SEARCH_CONNECTIONS = 4;

/**
 * The connections title searches run on, with their settings fixed when each connection opens
 * (the `options` startup parameter), so that a search is one statement: no transaction and no
 * `set_config` round trips around it.
 * - the word-similarity threshold (WORD_SIMILARITY_THRESHOLD);
 * - `enable_seqscan = off`: the planner overprices the trigram GIN index and scans every title
 *   instead, computing word_similarity per row (35-49 ms against 10 ms through the index on
 *   ml-latest-small's 9k titles, and linear in the catalog);
 * - `statement_timeout` = SEARCH_TIMEOUT_MS: a query matching a large share of a big catalog
 *   must not hold a connection for the whole general statement timeout.
 */
@Injectable()
export class TitleSearchPool implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(@InjectDataSource() dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new Pool({
      connectionString: (dataSource.options as { url?: string }).url,
      application_name: 'movie-recommender-search',
      max: Math.min(MAX_SEARCH_CONNECTIONS, config.database.poolSize),
      connectionTimeoutMillis: 5000,
      options:
        `-c pg_trgm.word_similarity_threshold=${WORD_SIMILARITY_THRESHOLD} ` +
        `-c enable_seqscan=off -c statement_timeout=${config.database.searchTimeoutMs}`,
    });
    // An idle connection's error (the server restarting) is not a crash; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async query<T>(text: string, values: readonly unknown[]): Promise<T[]> {
    return (await this.pool.query(text, [...values])).rows as T[];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
