import { parseTrustProxy } from './trust-proxy';

describe('parseTrustProxy', () => {
  it.each([undefined, '', '  ', 'false', '0'])('trusts no proxy for %p', (raw) => {
    expect(parseTrustProxy(raw)).toBe(false);
  });

  it('takes a hop count', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy(' 2 ')).toBe(2);
  });

  it('takes addresses, CIDR ranges and named ranges, trimmed', () => {
    expect(parseTrustProxy('10.0.0.7, 10.1.0.0/16,fd00::/8 , ::1,Loopback')).toEqual([
      '10.0.0.7',
      '10.1.0.0/16',
      'fd00::/8',
      '::1',
      'loopback',
    ]);
  });

  it('refuses true, which would let any client pick its address', () => {
    expect(() => parseTrustProxy('true')).toThrow(/every client choose its own address/);
  });

  it.each([
    ['a hostname', 'proxy.internal'],
    ['a prefix too long for IPv4', '10.0.0.0/33'],
    ['a prefix too long for IPv6', 'fd00::/129'],
    ['a bad prefix', '10.0.0.0/x'],
    ['an empty entry', '10.0.0.1,,10.0.0.2'],
    ['two slashes', '10.0.0.0/8/8'],
  ])('refuses %s', (_case, raw) => {
    expect(() => parseTrustProxy(raw)).toThrow(/is not a hop count, an address, a CIDR range/);
  });

  it('refuses an implausible hop count', () => {
    expect(() => parseTrustProxy('17')).toThrow(/0 to 16/);
  });
});
