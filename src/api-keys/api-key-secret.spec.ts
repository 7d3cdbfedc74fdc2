import { createHash } from 'node:crypto';
import { hashApiKey, looksLikeApiKey, newApiKeySecret } from './api-key-secret';

describe('api key secrets', () => {
  it('makes a 47-character key whose prefix and hash match it', () => {
    const { key, prefix, hash } = newApiKeySecret();
    expect(key).toMatch(/^mrk_[A-Za-z0-9_-]{43}$/);
    expect(prefix).toBe(key.slice(0, 12));
    expect(hash.equals(createHash('sha256').update(key).digest())).toBe(true);
    expect(hashApiKey(key).equals(hash)).toBe(true);
  });

  it('makes a different key each time', () => {
    expect(newApiKeySecret().key).not.toBe(newApiKeySecret().key);
  });

  it('accepts only the key shape', () => {
    expect(looksLikeApiKey(newApiKeySecret().key)).toBe(true);
    expect(looksLikeApiKey('mrk_short')).toBe(false);
    expect(looksLikeApiKey(`Bearer ${newApiKeySecret().key}`)).toBe(false);
    expect(looksLikeApiKey(`${newApiKeySecret().key}x`)).toBe(false);
  });
});
