import { createHash, randomBytes } from 'node:crypto';

/** Bytes of randomness in a key (256 bits): guessing one is hopeless. */
const KEY_BYTES = 32;

/** Every key starts so; a leaked one is easy to recognise (secret scanners, logs). */
export const KEY_MARKER = 'mrk_';

/** Characters of a key kept in clear to tell keys apart in lists (the marker plus 8). */
const SHOWN_PREFIX_LENGTH = KEY_MARKER.length + 8;

/** A key as sent: `mrk_` and base64url of 32 random bytes (47 characters). */
const KEY_SHAPE = /^mrk_[A-Za-z0-9_-]{43}$/;

export interface NewApiKeySecret {
  key: string;
  prefix: string;
  hash: Buffer;
}

/** A new key, its displayable prefix and its stored hash. The key itself is never stored. */
export function newApiKeySecret(): NewApiKeySecret {
  const key = `${KEY_MARKER}${randomBytes(KEY_BYTES).toString('base64url')}`;
  return { key, prefix: key.slice(0, SHOWN_PREFIX_LENGTH), hash: hashApiKey(key) };
}

/**
 * The stored form of a key: its SHA-256. Not argon2 or bcrypt on purpose: those slow hashes
 * protect low-entropy passwords from guessing, but a key is 256 random bits, so a fast hash is
 * already beyond brute force, and it is computed on every request that carries a key (argon2's
 * tens of milliseconds per request would be the service's largest cost). Unkeyed (no HMAC
 * secret) so keys outlive a JWT_SECRET change; a leaked table still holds no usable key.
 */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Whether a header value has a key's shape: anything else is refused without a query. */
export function looksLikeApiKey(value: string): boolean {
  return KEY_SHAPE.test(value);
}
