import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SHA-256 of every file a MovieLens import read, by file name, so that importing the same
 * folder again can tell it is unchanged and skip the work (null for loads made before).
 */
export class DatasetLoadChecksums1795574401901 implements MigrationInterface {
  name = 'DatasetLoadChecksums1795574401901';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dataset_loads ADD COLUMN checksums jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dataset_loads DROP COLUMN checksums`);
  }
}
