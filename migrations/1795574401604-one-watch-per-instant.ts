import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One watch_history row per (user, movie, instant): the same watch sent twice (a retried batch
 * from an app, issue #16) is one watch, enforced here so concurrent retries cannot both insert.
 * Rows already repeated keep the one with the most progress.
 */
export class OneWatchPerInstant1795574401604 implements MigrationInterface {
  name = 'OneWatchPerInstant1795574401604';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM watch_history w USING watch_history d
       WHERE w.user_id = d.user_id AND w.movie_id = d.movie_id AND w.watched_at = d.watched_at
         AND (w.progress, w.id) < (d.progress, d.id)`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX watch_history_user_movie_watched_at_key
        ON watch_history (user_id, movie_id, watched_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX watch_history_user_movie_watched_at_key`);
  }
}
