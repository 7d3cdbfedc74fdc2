import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Not interested": one row per user and movie the user dismissed. The movie never comes back
 * in that user's recommendations or similar lists, and counts as negative feedback for their
 * list. Goes with the account or the movie (ON DELETE CASCADE).
 */
export class CreateDismissals1795574401501 implements MigrationInterface {
  name = 'CreateDismissals1795574401501';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dismissals (
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        movie_id integer NOT NULL REFERENCES movies (id) ON DELETE CASCADE,
        dismissed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT dismissals_pkey PRIMARY KEY (user_id, movie_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX dismissals_user_dismissed_at_idx ON dismissals (user_id, dismissed_at DESC, movie_id DESC)`,
    );
    await queryRunner.query(`CREATE INDEX dismissals_movie_idx ON dismissals (movie_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dismissals`);
  }
}
