import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The client addresses (IPv6: the /64) each account last logged in from successfully. Failed
 * logins from such an address count on a counter of its own, so failures from elsewhere do not
 * lock the owner out there.
 */
export class CreateTrustedLoginAddresses1795574400602 implements MigrationInterface {
  name = 'CreateTrustedLoginAddresses1795574400602';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trusted_login_addresses (
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        address text NOT NULL,
        last_login_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT trusted_login_addresses_pkey PRIMARY KEY (user_id, address)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE trusted_login_addresses`);
  }
}
