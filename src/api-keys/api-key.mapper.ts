import { ApiKeyRow } from './api-keys.repository';
import { ApiKeyResponseDto } from './dto/api-key-response.dto';

/** The public fields of a key (never its hash). */
export function toApiKeyResponse(row: ApiKeyRow): ApiKeyResponseDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
