import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each failed-login counter keeps the length of its current window: a window that follows one
 * whose limit was reached is twice as long (up to LOGIN_THROTTLE_MAX_WINDOW_SECONDS). Rows
 * already there were counted in the 60-second default window.
 */
export class LoginThrottleGrowingWindows1795574400601 implements MigrationInterface {
  name = 'LoginThrottleGrowingWindows1795574400601';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE login_throttle
        ADD COLUMN window_seconds integer NOT NULL DEFAULT 60
          CONSTRAINT login_throttle_window_seconds_check CHECK (window_seconds > 0)`);
    // Every write names the window's length: no default to fall back on silently.
    await queryRunner.query(`ALTER TABLE login_throttle ALTER COLUMN window_seconds DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE login_throttle DROP COLUMN window_seconds`);
  }
}
