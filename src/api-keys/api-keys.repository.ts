import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyScope } from './api-key-scope';

/** A key as the request path needs it. */
export interface ActiveApiKey {
  id: number;
  scopes: ApiKeyScope[];
  /** Null: never expires. Checked by the caller against its clock, so this row can be cached. */
  expiresAt: Date | null;
}

/** A key as admins see it (never its hash). */
export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const ROW_COLUMNS = `id, name, key_prefix AS prefix, scopes, created_at AS "createdAt",
  expires_at AS "expiresAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/**
 * Every query on `api_keys`. findActive is the one read on the request path: a single indexed
 * lookup by hash today, and the seam where a cache would go (kept exact by the `{ "apiKeyId" }`
 * notifications on `auth_state` that migration 1795574401601 sends on revocation and deletion).
 */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The unrevoked key with this hash (expired ones included: see ActiveApiKey.expiresAt). */
  async findActive(hash: Buffer): Promise<ActiveApiKey | null> {
    const rows: ActiveApiKey[] = await this.dataSource.query(
      `SELECT id, scopes, expires_at AS "expiresAt" FROM api_keys
        WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    return rows[0] ?? null;
  }

  async insert(fields: {
    name: string;
    prefix: string;
    hash: Buffer;
    scopes: ApiKeyScope[];
    expiresAt: Date | null;
    createdBy: number;
  }): Promise<ApiKeyRow> {
    const rows: ApiKeyRow[] = await this.dataSource.query(
      `INSERT INTO api_keys (name, key_prefix, key_hash, scopes, expires_at, created_by)
       VALUES ($1, $2, $3, $4::text[], $5, $6) RETURNING ${ROW_COLUMNS}`,
      [fields.name, fields.prefix, fields.hash, fields.scopes, fields.expiresAt, fields.createdBy],
    );
    return rows[0];
  }

  /** Newest first, revoked ones included (they show `revokedAt`). */
  async findPage(offset: number, limit: number): Promise<{ rows: ApiKeyRow[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${ROW_COLUMNS} FROM api_keys ORDER BY id DESC LIMIT $1 OFFSET $2`,
        [limit, offset],
      ) as Promise<ApiKeyRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM api_keys`) as Promise<
        { total: number }[]
      >,
    ]);
    return { rows, total };
  }

  /**
   * Revokes a key (a revoked one keeps its first revokedAt); null when there is no such key.
   * The UPDATE sits in a CTE so that the statement is a SELECT and TypeORM answers its rows.
   */
  async revoke(id: number): Promise<ApiKeyRow | null> {
    const rows: ApiKeyRow[] = await this.dataSource.query(
      `WITH revoked AS (
         UPDATE api_keys SET revoked_at = coalesce(revoked_at, clock_timestamp())
          WHERE id = $1 RETURNING *)
       SELECT ${ROW_COLUMNS} FROM revoked`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Marks a use, unless one within `everySeconds` is already recorded (by any process). */
  async recordUse(id: number, everySeconds: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = clock_timestamp()
        WHERE id = $1 AND (last_used_at IS NULL
          OR last_used_at < clock_timestamp() - make_interval(secs => $2))`,
      [id, everySeconds],
    );
  }
}
