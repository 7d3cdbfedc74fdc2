import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';

export interface StoredRefreshToken {
  id: string;
  userId: number;
  /** The session the token was issued in (sessions.id). */
  familyId: string;
  expiresAt: Date;
  /** Set once the token has been exchanged (or revoked before sessions existed). */
  revokedAt: Date | null;
  sessionStartedAt: Date;
  sessionRevokedAt: Date | null;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>) {}

  async insert(
    userId: number,
    familyId: string,
    tokenHash: string,
    expiresAt: Date,
  ): Promise<void> {
    await this.tokens.insert({ userId, familyId, tokenHash, expiresAt, revokedAt: null });
  }

  /** The token with its session, in one query. */
  async findByHash(tokenHash: string): Promise<StoredRefreshToken | null> {
    const rows: StoredRefreshToken[] = await this.tokens.query(
      `SELECT t.id, t.user_id AS "userId", t.family_id AS "familyId", t.expires_at AS "expiresAt",
              t.revoked_at AS "revokedAt", s.created_at AS "sessionStartedAt",
              s.revoked_at AS "sessionRevokedAt"
         FROM refresh_tokens t JOIN sessions s ON s.id = t.family_id
        WHERE t.token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /**
   * Marks one token used. True only for the one caller that flipped it, so two concurrent
   * refreshes with the same token cannot both succeed.
   */
  async revokeIfActive(id: string): Promise<boolean> {
    // In a CTE: TypeORM answers a bare UPDATE with [rows, rowCount], whose length is always 2.
    const rows: unknown[] = await this.tokens.query(
      `WITH used AS (
         UPDATE refresh_tokens SET revoked_at = now()
          WHERE id = $1 AND revoked_at IS NULL
         RETURNING id
       )
       SELECT id FROM used`,
      [id],
    );
    return rows.length > 0;
  }
}
