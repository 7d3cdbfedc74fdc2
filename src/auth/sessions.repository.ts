import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from './auth-user';

export interface StartedSession {
  id: string;
  startedAt: Date;
}

/**
 * TypeORM answers an UPDATE with `[rows, rowCount]` rather than the rows: each UPDATE ...
 * RETURNING here is wrapped in a CTE, so that the statement is a SELECT and answers its rows.
 */

/**
 * The `sessions` table: one row per login, named by the `sid` claim of its access tokens and the
 * `family_id` of its refresh tokens. A session ends by setting `revoked_at` (a trigger announces
 * it on AUTH_STATE_CHANNEL); it is never reopened.
 */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Opens a session for a login, only while the user's password hash is still the one just
   * verified: a login racing a password change cannot open a session the change missed.
   */
  async startIfPasswordUnchanged(
    userId: number,
    verifiedHash: string,
  ): Promise<StartedSession | null> {
    const rows: StartedSession[] = await this.dataSource.query(
      `INSERT INTO sessions (user_id)
       SELECT id FROM users WHERE id = $1 AND password_hash = $2
       RETURNING id, created_at AS "startedAt"`,
      [userId, verifiedHash],
    );
    return rows[0] ?? null;
  }

  /**
   * The bearer check behind every authenticated request, in one round trip: the session is
   * live and belongs to the token's subject, who still exists; the role comes from the row.
   */
  async findAuthUser(sessionId: string, userId: number): Promise<AuthUser | null> {
    const rows: AuthUser[] = await this.dataSource.query(
      `SELECT u.id, u.role, s.id AS "sessionId"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL`,
      [sessionId, userId],
    );
    return rows[0] ?? null;
  }

  /** Ends one session; false when it had already ended. */
  async revoke(sessionId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH ended AS (
         UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id
       )
       SELECT id FROM ended`,
      [sessionId],
    );
    return rows.length > 0;
  }

  /** Ends every live session of the user but `keep` (when given); the number ended. */
  async revokeAllOfUser(
    userId: number,
    keep: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `WITH ended AS (
         UPDATE sessions SET revoked_at = now()
          WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2::uuid
         RETURNING id
       )
       SELECT id FROM ended`,
      [userId, keep],
    );
    return rows.length;
  }

  /**
   * Counts one re-authentication attempt (a current password given to change the password or
   * delete the account) before it is checked, so concurrent guesses are counted too. Past
   * `limit` the session ends. Answers the attempts so far, or null when the session is over.
   */
  async countReauthAttempt(sessionId: string, limit: number): Promise<number | null> {
    const rows: { attempts: number; revoked: boolean }[] = await this.dataSource.query(
      `WITH counted AS (
         UPDATE sessions
            SET reauth_attempts = reauth_attempts + 1,
                revoked_at = CASE WHEN reauth_attempts + 1 > $2 THEN now() END
          WHERE id = $1 AND revoked_at IS NULL
         RETURNING reauth_attempts AS attempts, revoked_at IS NOT NULL AS revoked
       )
       SELECT attempts, revoked FROM counted`,
      [sessionId, limit],
    );
    const row = rows[0];
    return row && !row.revoked ? row.attempts : null;
  }

  /** A right password clears the count of attempts. */
  async clearReauthAttempts(sessionId: string): Promise<void> {
    await this.dataSource.query('UPDATE sessions SET reauth_attempts = 0 WHERE id = $1', [
      sessionId,
    ]);
  }

  /**
   * Deletes what can no longer authenticate anyone: sessions that ended (revoked, or past
   * `maxAgeSeconds` since the login) more than a day ago, with their refresh tokens (ON DELETE
   * CASCADE), and refresh tokens past their own expiry. A deleted session's access tokens fail
   * the bearer check's join exactly as a revoked one's do. Answers what was deleted.
   */
  async purgeEnded(maxAgeSeconds: number): Promise<{ sessions: number; refreshTokens: number }> {
    const [row]: Array<{ sessions: number; refreshTokens: number }> = await this.dataSource.query(
      `WITH ended AS (
         DELETE FROM sessions
          WHERE revoked_at < now() - interval '1 day'
             OR created_at < now() - make_interval(secs => $1) - interval '1 day'
         RETURNING id
       ), expired AS (
         DELETE FROM refresh_tokens
          WHERE expires_at < now() AND family_id NOT IN (SELECT id FROM ended)
         RETURNING id
       )
       SELECT (SELECT count(*) FROM ended)::int AS sessions,
              (SELECT count(*) FROM expired)::int AS "refreshTokens"`,
      [maxAgeSeconds],
    );
    return row;
  }
}
