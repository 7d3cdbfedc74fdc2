import { startTestApp, TestApp } from './support/factories';
import { requestFrom } from './support/from-address';

/**
 * Which address a request is counted under, seen through the request rate limit (3 per window):
 * requests counted under one address are refused from the fourth on.
 */
async function statusesFrom(
  app: TestApp,
  localAddress: string,
  forwardedFor: string[],
): Promise<number[]> {
  const statuses: number[] = [];
  for (const header of forwardedFor) {
    const response = await requestFrom(localAddress, `${app.server.url}/v1/genres`, {
      headers: { 'x-forwarded-for': header },
    });
    statuses.push(response.status);
  }
  return statuses;
}

const LIMITED = { RATE_LIMIT: '3' };
const FOUR_CLIENTS = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'];

describe('client address without TRUST_PROXY (the default)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ ...LIMITED, TRUST_PROXY: '' });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('ignores X-Forwarded-For, even from loopback: one connection address is one client', async () => {
    expect(await statusesFrom(app, '127.0.0.1', FOUR_CLIENTS)).toEqual([200, 200, 200, 429]);
  });
});

describe('client address with TRUST_PROXY=127.0.0.2 (the proxy’s address)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ ...LIMITED, TRUST_PROXY: '127.0.0.2' });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('takes the client from X-Forwarded-For on requests from the proxy', async () => {
    expect(await statusesFrom(app, '127.0.0.2', FOUR_CLIENTS)).toEqual([200, 200, 200, 200]);
  });

  it('ignores X-Forwarded-For from any other address, loopback included', async () => {
    const spoofed = FOUR_CLIENTS.map((a) => a.replace('198.51.100', '203.0.113'));
    expect(await statusesFrom(app, '127.0.0.3', spoofed)).toEqual([200, 200, 200, 429]);
  });
});

describe('client address with TRUST_PROXY=1 (one proxy hop)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ ...LIMITED, TRUST_PROXY: '1' });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('takes the address the proxy appended, not what the client wrote before it', async () => {
    const spoofedPrefixes = FOUR_CLIENTS.map((fake) => `${fake}, 192.0.2.50`);
    expect(await statusesFrom(app, '127.0.0.4', spoofedPrefixes)).toEqual([200, 200, 200, 429]);
  });

  it('counts IPv6 clients per /64 for the request rate limit', async () => {
    const sameSubnet = [
      '2001:db8:1:2::1',
      '2001:db8:1:2::2',
      '2001:db8:1:2:ff::3',
      '2001:db8:1:2::4',
    ];
    expect(await statusesFrom(app, '127.0.0.4', sameSubnet)).toEqual([200, 200, 200, 429]);
    expect(await statusesFrom(app, '127.0.0.4', ['2001:db8:1:3::1'])).toEqual([200]);
  });
});
