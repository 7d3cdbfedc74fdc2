import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { copyText } from '../datasets/movielens/import/copy-rows';
import { RATING_ATTRIBUTION } from '../ratings/ratings.repository';
import { WATCH_ATTRIBUTION } from '../history/history.repository';
import { Impression } from './impression';

/** One row of the online metrics: a day, a model version and a variant. */
export interface OnlineMetricsRow {
  day: string;
  modelVersion: number | null;
  variant: string | null;
  /** Lists shown. */
  lists: number;
  /** Movies shown (a list of 10 is 10 impressions). */
  impressions: number;
  users: number;
  /** Shown movies the user then rated or watched (last-touch attribution). */
  conversions: number;
  /** Conversions that were a rating of 4 or more. */
  positive: number;
}

/** What an experiment's variant served, over the experiment (see OnlineMetricsRow). */
export type ExperimentVariantRow = Pick<
  OnlineMetricsRow,
  'variant' | 'lists' | 'impressions' | 'users' | 'conversions' | 'positive'
>;

const NULL = '\\N';

function copyRow(i: Impression): string {
  return [
    i.recommendationId,
    i.userId ?? NULL,
    i.surface,
    i.modelVersion ?? NULL,
    i.experimentId ?? NULL,
    i.variant === null ? NULL : copyText(i.variant),
    copyText(i.strategy),
    `{${i.movieIds.join(',')}}`,
    i.shownAt.toISOString(),
  ].join('\t');
}

/**
 * The lists shown from $1 (until $2, when not null), each with the conversions attributed to it
 * within $3 hours, as the CTE `attributed`. Last-touch attribution: each rating or watch of a
 * shown movie converts the one list it passed back as `recommendationId`, else the latest list
 * that showed that movie to that user before it, within the window. The one definition behind
 * the online metrics and the experiments' results.
 */
const ATTRIBUTED_LISTS = `
  shown AS (
    SELECT recommendation_id, user_id, model_version, variant, experiment_id, shown_at,
           movie_ids, (shown_at AT TIME ZONE 'UTC')::date AS day
      FROM impressions
     WHERE shown_at >= $1 AND ($2::timestamptz IS NULL OR shown_at < $2::timestamptz)
  ), pairs AS (
    SELECT s.recommendation_id, s.user_id, s.shown_at, m.movie_id
      FROM shown s CROSS JOIN LATERAL unnest(s.movie_ids) AS m (movie_id)
     WHERE s.user_id IS NOT NULL
  ), feedback AS (
    ${RATING_ATTRIBUTION} UNION ALL ${WATCH_ATTRIBUTION}
  ), hits AS (
    SELECT DISTINCT ON (f.kind, f.user_id, f.movie_id, f.at)
           p.recommendation_id, f.positive
      FROM pairs p
      JOIN feedback f ON f.user_id = p.user_id AND f.movie_id = p.movie_id
     WHERE p.recommendation_id = f.recommendation_id
        OR (p.shown_at <= f.at AND f.at < p.shown_at + make_interval(hours => $3))
     ORDER BY f.kind, f.user_id, f.movie_id, f.at,
              (p.recommendation_id = f.recommendation_id) DESC NULLS LAST, p.shown_at DESC
  ), converted AS (
    SELECT recommendation_id, count(*) AS conversions,
           count(*) FILTER (WHERE positive) AS positive
      FROM hits GROUP BY recommendation_id
  ), attributed AS (
    SELECT s.*, coalesce(c.conversions, 0) AS conversions, coalesce(c.positive, 0) AS positive
      FROM shown s LEFT JOIN converted c USING (recommendation_id)
  )`;

/** The counts of a group of `attributed` lists (see OnlineMetricsRow). */
const TOTALS = `count(*)::int AS lists, sum(cardinality(movie_ids))::int AS impressions,
  count(DISTINCT user_id)::int AS users, sum(conversions)::int AS conversions,
  sum(positive)::int AS positive`;

/** The `impressions` table: what was shown, written in batches, read by the online metrics. */
@Injectable()
export class ImpressionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes a batch with one COPY straight into the table, in one transaction: all of it or
   * nothing. (A temporary staging table per batch would make retries idempotent, but creating
   * one every second churns the system catalogs; a batch is retried once and then dropped, so a
   * retry whose first attempt did commit fails on the key and is counted as dropped instead.)
   */
  async insertBatch(batch: readonly Impression[]): Promise<void> {
    if (batch.length === 0) return;
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const client = await pool.connect();
    let failed: unknown;
    try {
      await pipeline(
        Readable.from([batch.map(copyRow).join('\n') + '\n']),
        client.query(
          copyFrom(
            `COPY impressions (recommendation_id, user_id, surface, model_version, experiment_id,
               variant, strategy, movie_ids, shown_at) FROM STDIN`,
          ),
        ),
      );
    } catch (error) {
      failed = error;
      throw error;
    } finally {
      // A connection a COPY failed on may be mid-protocol: closed rather than reused.
      client.release(failed instanceof Error ? failed : undefined);
    }
  }

  /**
   * Per day (UTC), model version and variant since `since`: lists and movies shown, users,
   * conversions and positive ones (see ATTRIBUTED_LISTS).
   */
  async onlineMetrics(since: Date, windowHours: number): Promise<OnlineMetricsRow[]> {
    return this.dataSource.query(
      `WITH ${ATTRIBUTED_LISTS}
       SELECT day::text AS day, model_version AS "modelVersion", variant, ${TOTALS}
         FROM attributed
        GROUP BY day, model_version, variant
        ORDER BY day, model_version NULLS FIRST, variant NULLS FIRST`,
      [since, null, windowHours],
    );
  }

  /**
   * Per variant of an experiment: what the lists it served showed and converted, attributed as
   * the online metrics are. Candidates for attribution are every list shown from the start until
   * the attribution window after the stop (a later list outside the experiment may be the latest
   * to show a movie, and win it); the experiment's own lists are then counted.
   */
  async experimentResults(
    experiment: { id: number; startedAt: Date; stoppedAt: Date | null },
    windowHours: number,
  ): Promise<ExperimentVariantRow[]> {
    const until = experiment.stoppedAt
      ? new Date(experiment.stoppedAt.getTime() + windowHours * 3_600_000)
      : null;
    return this.dataSource.query(
      `WITH ${ATTRIBUTED_LISTS}
       SELECT variant, ${TOTALS}
         FROM attributed WHERE experiment_id = $4
        GROUP BY variant ORDER BY variant`,
      [experiment.startedAt, until, windowHours, experiment.id],
    );
  }

  /** How many distinct movies the lists shown since `since` held (every surface). */
  async countMoviesShown(since: Date): Promise<number> {
    const [row]: { movies: number }[] = await this.dataSource.query(
      `SELECT count(DISTINCT m.movie_id)::int AS movies
         FROM impressions i CROSS JOIN LATERAL unnest(i.movie_ids) AS m (movie_id)
        WHERE i.shown_at >= $1`,
      [since],
    );
    return row.movies;
  }

  /** Deletes impressions shown before `before`, and any of a user deleted since; the count. */
  async purge(before: Date): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM impressions i
          WHERE i.shown_at < $1
             OR (i.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = i.user_id))
         RETURNING 1
       )
       SELECT 1 FROM gone`,
      [before],
    );
    return rows.length;
  }
}
