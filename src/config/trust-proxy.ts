import { isIP } from 'node:net';

/**
 * Which proxies' X-Forwarded-For Fastify believes (its `trustProxy` option, proxy-addr as in Express): none (false),
 * the last `n` hops, or the listed addresses, CIDR ranges and named ranges.
 */
export type TrustProxy = false | number | readonly string[];

/** The named ranges proxy-addr (Fastify's `trustProxy`) knows. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const MAX_HOPS = 16;

/**
 * Parses TRUST_PROXY: unset, empty, `false` or `0` trust no proxy (the connection's address is
 * the client); a hop count trusts that many proxies in front; otherwise a comma-separated list
 * of addresses, CIDR ranges and `loopback`/`linklocal`/`uniquelocal`. Throws a RangeError that
 * says what is accepted. `true` (trust every hop) is refused: any client could then choose its
 * own address by writing X-Forwarded-For.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') {
    throw new RangeError(
      'true would let every client choose its own address; give the number of proxies in front ' +
        '(e.g. 1) or their addresses',
    );
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > MAX_HOPS) throw new RangeError(`a hop count must be 0 to ${MAX_HOPS}`);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    if (!isRange(entry)) {
      throw new RangeError(
        `"${entry}" is not a hop count, an address, a CIDR range (10.0.0.0/8, fd00::/8) or ` +
          'one of loopback, linklocal, uniquelocal',
      );
    }
  }
  return entries.map((entry) =>
    NAMED_RANGES.has(entry.toLowerCase()) ? entry.toLowerCase() : entry,
  );
}

function isRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry.toLowerCase())) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}
