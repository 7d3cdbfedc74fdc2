import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions: one row per login, named by the `sid` claim of every access token issued in it and by
 * the `family_id` of every refresh token rotated from it. Ending a session (logout, refresh-token
 * reuse, password change, log out everywhere, too many wrong re-authentications) sets
 * `revoked_at`, and the bearer check reads it on every request, so the session's access tokens
 * stop at once on every server process.
 *
 * Every change that alters who a bearer token stands for is announced on the `auth_state`
 * channel by triggers, whichever code or SQL made it: a session ended or deleted (also when its
 * user is deleted, by the cascade) and a user's role changed. A process that keeps the auth state
 * in memory follows that channel to stay exact.
 *
 * Existing refresh-token families become sessions (started with their first token; ended when
 * every token of theirs is used or revoked). Access tokens issued before this migration have no
 * `sid` and are refused: clients refresh, as they do when one expires.
 */
export class CreateSessions1795574400401 implements MigrationInterface {
  name = 'CreateSessions1795574400401';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        reauth_attempts integer NOT NULL DEFAULT 0
          CONSTRAINT sessions_reauth_attempts_check CHECK (reauth_attempts >= 0)
      )`);
    await queryRunner.query(`CREATE INDEX sessions_user_id_idx ON sessions (user_id)`);
    await queryRunner.query(`
      INSERT INTO sessions (id, user_id, created_at, revoked_at)
      SELECT family_id, min(user_id), min(created_at),
             CASE WHEN bool_and(revoked_at IS NOT NULL) THEN max(revoked_at) END
        FROM refresh_tokens
       GROUP BY family_id`);
    await queryRunner.query(`
      ALTER TABLE refresh_tokens
        ADD CONSTRAINT refresh_tokens_family_id_fkey
        FOREIGN KEY (family_id) REFERENCES sessions (id) ON DELETE CASCADE`);

    await queryRunner.query(`
      CREATE FUNCTION notify_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('auth_state',
          json_build_object('sessionId', OLD.id, 'userId', OLD.user_id)::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER sessions_revoked_notify
        AFTER UPDATE OF revoked_at ON sessions
        FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
        EXECUTE FUNCTION notify_session_ended()`);
    await queryRunner.query(`
      CREATE TRIGGER sessions_deleted_notify
        AFTER DELETE ON sessions
        FOR EACH ROW WHEN (OLD.revoked_at IS NULL)
        EXECUTE FUNCTION notify_session_ended()`);

    await queryRunner.query(`
      CREATE FUNCTION notify_user_role_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('auth_state',
          json_build_object('userId', NEW.id, 'role', NEW.role)::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER users_role_changed_notify
        AFTER UPDATE OF role ON users
        FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role)
        EXECUTE FUNCTION notify_user_role_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER users_role_changed_notify ON users`);
    await queryRunner.query(`DROP FUNCTION notify_user_role_changed()`);
    await queryRunner.query(
      `ALTER TABLE refresh_tokens DROP CONSTRAINT refresh_tokens_family_id_fkey`,
    );
    // Ended sessions live on in their refresh tokens, which the old code checks alone.
    await queryRunner.query(`
      UPDATE refresh_tokens t SET revoked_at = s.revoked_at
        FROM sessions s
       WHERE s.id = t.family_id AND s.revoked_at IS NOT NULL AND t.revoked_at IS NULL`);
    await queryRunner.query(`DROP TABLE sessions`);
    await queryRunner.query(`DROP FUNCTION notify_session_ended()`);
  }
}
