import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The users of apps that call with a service key (issue #16), by the app's own user id. They
 * are rows of `users` so that ratings, history and dismissals (and training) treat them as any
 * user, with their own namespace: `app_user_id`, apart from `external_id` (MovieLens user ids)
 * and from accounts (they have no password and a reserved @users.invalid email, so they cannot
 * log in, and an account is never reachable by an app id). Unique, so concurrent first feedback
 * for one id makes one user (INSERT ... ON CONFLICT).
 */
export class AddAppUserIds1795574401603 implements MigrationInterface {
  name = 'AddAppUserIds1795574401603';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users ADD COLUMN app_user_id text
        CONSTRAINT users_app_user_id_check CHECK (app_user_id ~ '^[A-Za-z0-9._~:@+-]{1,128}$')`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_app_user_id_key ON users (app_user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM users WHERE app_user_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN app_user_id`);
  }
}
