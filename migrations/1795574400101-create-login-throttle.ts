import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed-login counters, one row per key (`account:<lower email>` or `address:<ip>`), in a fixed
 * window. Kept in PostgreSQL so every server process sees the same counts.
 */
export class CreateLoginThrottle1795574400101 implements MigrationInterface {
  name = 'CreateLoginThrottle1795574400101';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL CONSTRAINT login_throttle_failures_check CHECK (failures >= 0),
        window_started_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX login_throttle_window_started_at_idx ON login_throttle (window_started_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_throttle`);
  }
}
