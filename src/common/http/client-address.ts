import { isIP } from 'node:net';

/**
 * IPv6 clients are counted per /64: a home line or a cloud instance usually holds a whole /64
 * and can pick any of its 2^64 addresses, so counting single IPv6 addresses would count nothing.
 */
export const IPV6_CLIENT_PREFIX = 64;

/**
 * The key every throttle counts a client under (the request rate limits and the login
 * throttle), from the address Fastify resolved (TRUST_PROXY decides whether X-Forwarded-For
 * counts): IPv4 as is, IPv4-mapped IPv6 as the IPv4 address, other IPv6 as its /64
 * (`2001:db8:aa:bb::/64`). Anything else, which Node's sockets never give, is kept as it is.
 */
export function clientAddressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const bare = ip.split('%')[0]; // a link-local zone (`fe80::1%eth0`) names no other client
  const version = isIP(bare);
  if (version === 4) return bare;
  if (version !== 6) return ip;
  const groups = ipv6Groups(bare);
  const isIpv4Mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (isIpv4Mapped) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  const network = groups.slice(0, IPV6_CLIENT_PREFIX / 16).map((g) => g.toString(16));
  return `${network.join(':')}::/${IPV6_CLIENT_PREFIX}`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail split). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a, b, c, d] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const zeros = rest === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(zeros).fill('0'), ...right].map((g) => parseInt(g, 16));
}
