import { request } from 'node:http';
import { loginAdmin, startTestApp, TestApp } from './support/factories';
import { withinDeadline } from './support/deadline';
import { Http } from './support/http';
import { badRequest } from './support/error-bodies';

/**
 * No request body may stall the process: bodies that cost far more to parse and validate than
 * their size suggests (many keys, deep nesting) are refused on their bytes, before parsing, while
 * /health/live keeps answering. The deadlines are far above what the server needs (a few ms)
 * and far below what these bodies cost before the limits (seconds of event-loop time).
 */
const HOSTILE_DEADLINE_MS = 1000;
const HEALTH_DEADLINE_MS = 500;

interface RawResponse {
  status: number;
  body: { statusCode: number; error: string; message: string };
}

/**
 * A POST whose body goes out in two writes: the first half at once, the rest on `sendRest()`,
 * so the test can act while the server waits for the body and again while it processes it.
 */
function startPost(
  baseUrl: string,
  path: string,
  body: Buffer,
): { sendRest(): void; response: Promise<RawResponse> } {
  const req = request(new URL(path, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': body.length },
    agent: false,
  });
  const half = Math.floor(body.length / 2);
  const response = new Promise<RawResponse>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString()),
        }),
      );
    });
  });
  req.write(body.subarray(0, half));
  return { sendRest: () => req.end(body.subarray(half)), response };
}

function manyKeys(count: number): Buffer {
  const keys = Array.from({ length: count }, (_, i) => `"k${i}":1`).join(',');
  return Buffer.from(`{${keys},"email":"a@example.com","password":"a-good-password"}`);
}

describe('request limits', () => {
  let app: TestApp;
  let http: Http;

  beforeAll(async () => {
    app = await startTestApp();
    http = app.http;
  });

  afterAll(async () => {
    await app?.stop();
  });

  const healthy = async (): Promise<void> => {
    const health = await withinDeadline(
      HEALTH_DEADLINE_MS,
      'GET /health/live',
      http.get('/health/live'),
    );
    expect(health.status).toBe(200);
  };

  /**
   * Sends `body` to `path` and checks /health/live answers in time while the body is half sent,
   * and then again and again while the server finishes reading and processing it, until the
   * hostile request itself is answered (in time).
   */
  async function sendWhileHealthy(path: string, body: Buffer): Promise<RawResponse> {
    const post = startPost(app.server.url, path, body);
    await healthy();
    let answered = false;
    const response = withinDeadline(HOSTILE_DEADLINE_MS, `POST ${path}`, post.response).finally(
      () => (answered = true),
    );
    post.sendRest();
    const healthChecks = (async () => {
      do await healthy();
      while (!answered);
    })();
    const [result] = await Promise.all([response, healthChecks]);
    return result;
  }

  it('refuses 80,000 keys (870 KB) on login with 413 while /health/live answers', async () => {
    const body = manyKeys(80000);
    expect(body.length).toBeGreaterThan(840 * 1024);
    const response = await sendWhileHealthy('/v1/auth/login', body);
    expect(response).toEqual({
      status: 413,
      body: {
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'Request body is larger than 100 KiB',
      },
    });
  });

  it('refuses an object of 9,000 keys within the size limit with 400', async () => {
    const body = manyKeys(9000);
    expect(body.length).toBeLessThan(100 * 1024);
    const response = await sendWhileHealthy('/v1/auth/login', body);
    expect(response).toEqual({
      status: 400,
      body: badRequest(
        'Request body has an object with more than 100 keys: send the documented fields only',
      ),
    });
  });

  it('refuses 80,000 keys with 400 on the batch route, whose size limit is 1 MiB', async () => {
    const response = await sendWhileHealthy('/v1/apps/feedback', manyKeys(80000));
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      'Request body has an object with more than 100 keys: send the documented fields only',
    );
  });

  it.each([
    ['arrays', `{"email":${'['.repeat(20000)}${']'.repeat(20000)}}`],
    ['objects', `${'{"a":'.repeat(15000)}1${'}'.repeat(15000)}`],
  ])('refuses 20,000 levels of nested %s with 400, not 500', async (_case, text) => {
    const response = await sendWhileHealthy('/v1/auth/login', Buffer.from(text));
    expect(response).toEqual({
      status: 400,
      body: badRequest(
        'Request body is nested more than 16 levels deep: send the documented fields only',
      ),
    });
  });

  it('refuses more than 20,000 values in all with 400', async () => {
    const response = await http.post('/v1/apps/feedback', {
      body: { events: Array.from({ length: 20001 }, () => 0) },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      'Request body holds more than 20000 values: send fewer items per request',
    );
  });

  it('refuses more than 32 query parameters with one 400, before validation', async () => {
    const query = (count: number): string =>
      Array.from({ length: count }, (_, i) => `k${i}=1`).join('&');
    const response = await withinDeadline(
      HOSTILE_DEADLINE_MS,
      'GET with 1,000 query parameters',
      http.get(`/v1/movies?${query(1000)}`),
    );
    expect(response.body).toEqual(
      badRequest('The query string has more than 32 parameters: send the documented ones only'),
    );
    // Up to the limit, validation names each unknown one.
    const within = await http.get(`/v1/movies?${query(32)}`);
    expect(within.body.errors).toHaveLength(32);
  });

  describe('body size', () => {
    it('takes the largest body of the API: a movie with a 10,000-character overview', async () => {
      const admin = await loginAdmin(http);
      const overview = '映'.repeat(10000); // 30 KB of UTF-8
      const response = await http.post('/v1/movies', {
        token: admin.accessToken,
        body: { title: 'A long overview', overview, genres: ['Drama'] },
      });
      expect(response.status).toBe(201);
      expect(response.body.overview).toBe(overview);
    });

    it('refuses a body one byte over 100 KiB with 413 naming the limit', async () => {
      const padding = 'x'.repeat(100 * 1024 + 1 - '{"email":"","password":"x"}'.length);
      const rawBody = `{"email":"${padding}","password":"x"}`;
      expect(Buffer.byteLength(rawBody)).toBe(100 * 1024 + 1);
      const response = await http.post('/v1/auth/login', { rawBody });
      expect(response.body).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'Request body is larger than 100 KiB',
      });
    });

    it('lets the batch route take a body past 100 KiB, and refuses one past 1 MiB', async () => {
      const events = Array.from({ length: 1000 }, (_, i) => ({
        userId: `user-${'x'.repeat(200)}-${i}`,
        movieId: i + 1,
        rating: 4.5,
        at: '2026-01-31T20:15:00.000Z',
      }));
      const body = JSON.stringify({ events });
      expect(Buffer.byteLength(body)).toBeGreaterThan(200 * 1024);
      const accepted = await http.post('/v1/apps/feedback', { rawBody: body });
      // Parsed and routed: what the route answers is its own business, never a 413 or a 5xx.
      expect(accepted.status).not.toBe(413);
      expect(accepted.status).toBeLessThan(500);
      const tooLarge = await http.post('/v1/apps/feedback', {
        rawBody: JSON.stringify({ events: ['x'.repeat(1024 * 1024)] }),
      });
      expect(tooLarge.body).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'Request body is larger than 1 MiB',
      });
    });
  });

  it('refuses a JSON body in another charset than UTF-8 with 415', async () => {
    const response = await http.post('/v1/auth/login', {
      rawBody: '{"email":"a@example.com","password":"a-good-password"}',
      headers: { 'content-type': 'application/json; charset=utf-16le' },
    });
    expect(response.body).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'Request body must be JSON in UTF-8: send it with Content-Type: application/json',
    });
  });

  it.each([
    [
      'a form body (a cross-site form could send it, and curl -d does without -H)',
      'application/x-www-form-urlencoded',
      'email=form%40example.com&password=purple+giraffe+ocean+7',
    ],
    ['a JSON text sent as a form body', 'application/x-www-form-urlencoded', '{"rating":4}'],
    ['a plain text body', 'text/plain', '{"email":"form@example.com"}'],
  ])('refuses %s with 415 and changes nothing', async (_case, contentType, rawBody) => {
    const response = await http.post('/v1/auth/register', {
      rawBody,
      headers: { 'content-type': contentType },
    });
    expect(response.body).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'Request body must be JSON in UTF-8: send it with Content-Type: application/json',
    });
    expect(
      await app.database.query(`SELECT id FROM users WHERE email = 'form@example.com'`),
    ).toEqual([]);
  });
});
