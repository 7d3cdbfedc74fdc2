import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';

export interface StoredRefreshToken {
  id: string;
  userId: number;
  familyId: string;
  expiresAt: Date;
  revokedAt: Date | null;
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

  findByHash(tokenHash: string): Promise<StoredRefreshToken | null> {
    return this.tokens.findOne({
      where: { tokenHash },
      select: { id: true, userId: true, familyId: true, expiresAt: true, revokedAt: true },
    });
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

  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.query(
      'UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL',
      [familyId],
    );
  }
}
