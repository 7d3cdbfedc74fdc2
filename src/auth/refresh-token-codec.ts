import { createHash, randomBytes } from 'node:crypto';

/** Bytes of randomness in a refresh token (256 bits): guessing one is hopeless. */
const REFRESH_TOKEN_BYTES = 32;

/** A new opaque refresh token: base64url of 32 random bytes (43 characters). */
export function newRefreshToken(): string {
  return randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
}

/**
 * The stored form of a refresh token: hex SHA-256. The token is already 256 random bits, so a
 * fast unsalted hash suffices and keeps the lookup an indexed equality; a leaked table holds no
 * usable token.
 */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
