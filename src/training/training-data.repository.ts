import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { GrowableColumns } from './growable-columns';

/** One row of a COPY ... TO STDOUT (text format): tab-separated fields. */
type RowHandler = (fields: string[]) => void;

export interface CatalogRows {
  movieIds: Int32Array;
  years: Float32Array;
  /** Genre names, in the order of their bit (at most 32: the most used ones). */
  genreNames: string[];
  genreBits: Uint32Array;
  /** (movie index, term) pairs from tags and overview words. */
  terms: Array<[number, string]>;
}

const MAX_GENRES = 32;

/**
 * Reads everything training needs by streaming `COPY ... TO STDOUT` into typed arrays: never
 * entities, never the whole result set in memory as objects. Each stream runs on its own
 * connection of the pool's driver, outside TypeORM's entity machinery.
 */
@Injectable()
export class TrainingDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every movie (dense index = position), its year, genre bits and content terms. */
  async readCatalog(): Promise<CatalogRows> {
    const ids: number[] = [];
    const yearList: number[] = [];
    await this.copy(`SELECT id, release_year FROM movies ORDER BY id`, ([id, year]) => {
      ids.push(Number(id));
      yearList.push(year === '\\N' ? NaN : Number(year));
    });
    const movieIds = Int32Array.from(ids);
    const indexOf = new Map<number, number>(ids.map((id, index) => [id, index]));
    const genres = await this.dataSource.query(
      `SELECT g.id, g.name FROM genres g JOIN movie_genres mg ON mg.genre_id = g.id
       GROUP BY g.id, g.name ORDER BY count(*) DESC, g.id LIMIT $1`,
      [MAX_GENRES],
    );
    const bitOfGenre = new Map<number, number>(
      (genres as Array<{ id: number }>).map((g, bit) => [g.id, bit]),
    );
    const genreBits = new Uint32Array(ids.length);
    await this.copy(`SELECT movie_id, genre_id FROM movie_genres`, ([movieId, genreId]) => {
      const index = indexOf.get(Number(movieId));
      const bit = bitOfGenre.get(Number(genreId));
      if (index !== undefined && bit !== undefined) genreBits[index] |= 1 << bit;
    });
    const terms: Array<[number, string]> = [];
    await this.copy(
      `SELECT movie_id, lower(tag) FROM tags
       UNION ALL
       SELECT id, lower(word) FROM movies, regexp_split_to_table(coalesce(overview, ''), '[^[:alpha:]]+') AS word
       WHERE length(word) >= 4`,
      ([movieId, term]) => {
        const index = indexOf.get(Number(movieId));
        if (index !== undefined) terms.push([index, term]);
      },
    );
    return {
      movieIds,
      years: Float32Array.from(yearList),
      genreNames: (genres as Array<{ name: string }>).map((g) => g.name),
      genreBits,
      terms,
    };
  }

  /**
   * Ratings as (user id, movie id, rating, epoch seconds) columns, user and movie ids mapped to
   * dense indexes by the callbacks (which may grow their vocabularies).
   */
  async readRatings(
    userIndex: (id: number) => number,
    itemIndex: (id: number) => number,
  ): Promise<GrowableColumns> {
    const columns = new GrowableColumns(1 << 20);
    await this.copy(
      `SELECT user_id, movie_id, rating, extract(epoch FROM rated_at)::float8 FROM ratings`,
      ([user, movie, rating, ratedAt]) => {
        const item = itemIndex(Number(movie));
        if (item >= 0) columns.push(userIndex(Number(user)), item, Number(rating), Number(ratedAt));
      },
    );
    return columns;
  }

  /** Watch history, one entry per (user, movie) with the latest watch time. */
  async readWatches(
    userIndex: (id: number) => number,
    itemIndex: (id: number) => number,
  ): Promise<GrowableColumns> {
    const columns = new GrowableColumns(1 << 16);
    await this.copy(
      `SELECT user_id, movie_id, extract(epoch FROM max(watched_at))::float8
       FROM watch_history GROUP BY user_id, movie_id`,
      ([user, movie, watchedAt]) => {
        const item = itemIndex(Number(movie));
        if (item >= 0) columns.push(userIndex(Number(user)), item, 1, Number(watchedAt));
      },
    );
    return columns;
  }

  /** Writes the recomputed popularity of every movie in one set-based UPDATE. */
  async writePopularity(movieIds: Int32Array, popularity: Float32Array): Promise<void> {
    await this.dataSource.query(
      `UPDATE movies SET popularity = v.popularity
       FROM unnest($1::int[], $2::float8[]) AS v(id, popularity)
       WHERE movies.id = v.id AND movies.popularity IS DISTINCT FROM v.popularity`,
      [Array.from(movieIds), Array.from(popularity)],
    );
  }

  /** Streams `COPY (query) TO STDOUT` on a dedicated connection, calling `onRow` per line. */
  private async copy(query: string, onRow: RowHandler): Promise<void> {
    const client = new Client(this.connectionOptions());
    await client.connect();
    try {
      const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
      let rest = '';
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const text = rest + chunk.toString('utf8');
        const lines = text.split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) onRow(line.split('\t'));
      }
      if (rest) onRow(rest.split('\t'));
    } finally {
      await client.end();
    }
  }

  private connectionOptions(): { connectionString: string; application_name: string } {
    const options = this.dataSource.options as { url?: string };
    if (!options.url) throw new Error('Training needs the database URL of the data source');
    return { connectionString: options.url, application_name: 'movie-recommender-training' };
  }
}
