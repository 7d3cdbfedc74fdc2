import { ADMIN, registerAndLogin, startTestApp, TestApp, uniqueEmail } from './support/factories';
import { HttpResponse } from './support/http';
import { waitFor } from './support/wait-for';

function loginFrom(
  app: TestApp,
  address: string,
  email: string,
  password: string,
): Promise<HttpResponse> {
  return app.http.post('/v1/auth/login', {
    body: { email, password },
    headers: { 'x-forwarded-for': address },
  });
}

const count = (statuses: number[], status: number): number =>
  statuses.filter((s) => s === status).length;

describe('login throttling under attack (10 failures per account, 15 per address)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_MAX_FAILURES_PER_ADDRESS: '15' });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('checks at most 10 passwords of a burst of 40 concurrent wrong logins on one account', async () => {
    const user = await registerAndLogin(app.http, 'burst');
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        loginFrom(app, `203.0.113.${i + 1}`, user.email, 'wrong-password').then((r) => r.status),
      ),
    );
    expect(count(statuses, 401)).toBe(10);
    expect(count(statuses, 429)).toBe(30);
    const right = await loginFrom(app, '203.0.113.99', user.email, user.password);
    expect(right.status).toBe(429);
  });

  it('keeps the admin in from an address it logged in from while others fail from elsewhere', async () => {
    const home = '198.51.100.7';
    expect((await loginFrom(app, home, ADMIN.email, ADMIN.password)).status).toBe(200);

    const attack: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const response = await loginFrom(app, `192.0.2.${1 + (i % 5)}`, ADMIN.email, `guess-${i}`);
      attack.push(response.status);
    }
    expect(attack.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(attack.slice(10)).toEqual(Array(10).fill(429));

    // An address that never logged in to this account is still locked out...
    expect((await loginFrom(app, '192.0.2.200', ADMIN.email, ADMIN.password)).status).toBe(429);
    // ...its owner, at home, is not.
    const owner = await loginFrom(app, home, ADMIN.email, ADMIN.password);
    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({ accessToken: expect.any(String) });
  });

  it('throttles an address the account logged in from after 10 failures of its own', async () => {
    const user = await registerAndLogin(app.http, 'home');
    const home = '198.51.100.8';
    expect((await loginFrom(app, home, user.email, user.password)).status).toBe(200);
    for (let i = 0; i < 10; i += 1) {
      expect((await loginFrom(app, home, user.email, `typo-${i}`)).status).toBe(401);
    }
    const throttled = await loginFrom(app, home, user.email, user.password);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts IPv6 clients per /64 for the per-address limit', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 15; i += 1) {
      const address = `2001:db8:aa:bb:${i.toString(16)}::${i.toString(16)}`;
      const response = await loginFrom(app, address, uniqueEmail('v6'), 'wrong-password');
      statuses.push(response.status);
    }
    expect(statuses).toEqual(Array(15).fill(401));
    const sameSubnet = await loginFrom(app, '2001:db8:aa:bb:ffff::1', uniqueEmail('v6'), 'x');
    expect(sameSubnet.status).toBe(429);
    const otherSubnet = await loginFrom(app, '2001:db8:aa:bc::1', uniqueEmail('v6'), 'x');
    expect(otherSubnet.status).toBe(401);
  });
});

describe('login throttling with growing windows (3 failures, 5 s doubling to 20 s)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      LOGIN_THROTTLE_WINDOW_SECONDS: '5',
      LOGIN_THROTTLE_MAX_WINDOW_SECONDS: '20',
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('doubles the window after one in which the limit was reached', async () => {
    const user = await registerAndLogin(app.http, 'grow');
    const attempt = (i: number): Promise<HttpResponse> =>
      loginFrom(app, `192.0.2.${i}`, user.email, 'wrong-password');
    for (let i = 1; i <= 3; i += 1) expect((await attempt(i)).status).toBe(401);
    const first = await attempt(4);
    expect(first.status).toBe(429);
    expect(Number(first.headers.get('retry-after'))).toBeLessThanOrEqual(5);

    // The next window opens with a checked attempt...
    let i = 10;
    await waitFor(
      async () => ((await attempt((i += 1))).status === 401 ? true : undefined),
      'the first window to end',
      15000,
      250,
    );
    for (let n = 0; n < 2; n += 1) expect((await attempt((i += 1))).status).toBe(401);
    // ...and lasts twice as long, since the one before it was used up.
    const second = await attempt((i += 1));
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(5);
    expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(10);
  }, 40000);
});
