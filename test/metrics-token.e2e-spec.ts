import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from './support/factories';

describe('/metrics behind METRICS_TOKEN', () => {
  const token = randomBytes(24).toString('base64url');
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ METRICS_TOKEN: token });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', `Bearer ${token.slice(0, -1)}x`],
    ['a longer token', `Bearer ${token}x`],
    ['the token without the Bearer scheme', token],
  ])('answers 401 to %s', async (_case, authorization) => {
    const response = await app.http.get('/metrics', {
      headers: authorization ? { authorization } : {},
    });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringContaining('METRICS_TOKEN'),
    });
  });

  it('serves the series to the bearer of the token', async () => {
    const response = await app.http.get<string>('/metrics', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.body).toContain('http_requests_total');
  });
});
