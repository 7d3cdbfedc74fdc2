import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which version serves becomes explicit: `promotion` numbers the moments a version was made
 * the serving one (a training that passes the gate, or an admin's rollback), and the ready
 * version with the highest number serves. Stored ready versions are numbered in version order,
 * so the newest ready one keeps serving. `artifact_deleted_at` records when the retention job
 * deleted a version's bytes (the row stays, as history).
 */
export class ModelServingOrder1795574401802 implements MigrationInterface {
  name = 'ModelServingOrder1795574401802';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE model_versions_promotion_seq AS bigint`);
    await queryRunner.query(`
      ALTER TABLE model_versions
        ADD COLUMN promotion bigint,
        ADD COLUMN artifact_deleted_at timestamptz`);
    await queryRunner.query(
      `UPDATE model_versions v SET promotion = r.n
         FROM (SELECT version, row_number() OVER (ORDER BY version) AS n
                 FROM model_versions WHERE status = 'ready') r
        WHERE r.version = v.version`,
    );
    await queryRunner.query(
      `SELECT setval('model_versions_promotion_seq', coalesce(max(promotion), 0) + 1, false)
         FROM model_versions`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX model_versions_promotion_idx ON model_versions (promotion DESC)
        WHERE promotion IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX model_versions_promotion_idx`);
    await queryRunner.query(`
      ALTER TABLE model_versions
        DROP COLUMN artifact_deleted_at,
        DROP COLUMN promotion`);
    await queryRunner.query(`DROP SEQUENCE model_versions_promotion_seq`);
  }
}
