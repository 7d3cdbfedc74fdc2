import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What recommendations showed, for online evaluation: one row per list shown (its movies in
 * order), written in batches by the impression recorder. No foreign key to users, so that a
 * batch never fails on an account deleted after its list was shown: a trigger deletes a deleted
 * user's impressions, and the nightly purge catches the few a batch wrote after that.
 *
 * Ratings and watches gain the `recommendation_id` their request may pass back, which
 * attributes them to that list whatever the attribution window.
 */
export class CreateImpressions1795574401702 implements MigrationInterface {
  name = 'CreateImpressions1795574401702';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE impressions (
        recommendation_id uuid PRIMARY KEY,
        user_id integer,
        surface text NOT NULL
          CONSTRAINT impressions_surface_check CHECK (surface IN ('user', 'similar', 'session')),
        model_version integer,
        variant text,
        strategy text NOT NULL,
        movie_ids integer[] NOT NULL,
        shown_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX impressions_user_shown_at_idx ON impressions (user_id, shown_at)
        WHERE user_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX impressions_shown_at_idx ON impressions (shown_at)`);
    await queryRunner.query(`
      CREATE FUNCTION delete_user_impressions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM impressions WHERE user_id = OLD.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER users_deleted_impressions
        AFTER DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION delete_user_impressions()`);
    await queryRunner.query(`ALTER TABLE ratings ADD COLUMN recommendation_id uuid`);
    await queryRunner.query(`ALTER TABLE watch_history ADD COLUMN recommendation_id uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE watch_history DROP COLUMN recommendation_id`);
    await queryRunner.query(`ALTER TABLE ratings DROP COLUMN recommendation_id`);
    await queryRunner.query(`DROP TRIGGER users_deleted_impressions ON users`);
    await queryRunner.query(`DROP FUNCTION delete_user_impressions()`);
    await queryRunner.query(`DROP TABLE impressions`);
  }
}
