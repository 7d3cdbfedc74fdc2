/** Addresses that mean "every interface": no browser can open them. */
const WILDCARD_HOSTS: ReadonlySet<string> = new Set(['', '0.0.0.0', '::', '[::]']);

/**
 * The URL a person on this machine can open for a server listening on `host`:`port`. A wildcard
 * host becomes localhost, and an IPv6 address gets its brackets.
 */
export function browsableUrl(host: string, port: number): string {
  if (WILDCARD_HOSTS.has(host)) return `http://localhost:${port}`;
  const isBareIpv6 = host.includes(':') && !host.startsWith('[');
  return `http://${isBareIpv6 ? `[${host}]` : host}:${port}`;
}
