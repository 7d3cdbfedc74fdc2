import { clientAddressKey } from './client-address';

describe('clientAddressKey', () => {
  it('keeps an IPv4 address, also when written as IPv4-mapped IPv6', () => {
    expect(clientAddressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddressKey('::FFFF:c633:6407')).toBe('198.51.100.7');
  });

  it('counts IPv6 addresses per /64, however they are written', () => {
    const key = '2001:db8:aa:bb::/64';
    expect(clientAddressKey('2001:db8:aa:bb::1')).toBe(key);
    expect(clientAddressKey('2001:0DB8:00aa:00bb:ffff:1:2:3')).toBe(key);
    expect(clientAddressKey('2001:db8:aa:bb:1:2:198.51.100.7')).toBe(key);
    expect(clientAddressKey('2001:db8:aa:bc::1')).toBe('2001:db8:aa:bc::/64');
    expect(clientAddressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('names a request without an address "unknown"', () => {
    expect(clientAddressKey(undefined)).toBe('unknown');
    expect(clientAddressKey('')).toBe('unknown');
  });
});
