import {
  createMovie,
  loginAdmin,
  registerAndLogin,
  startTestApp,
  TestApp,
} from './support/factories';
import { Http } from './support/http';
import { badRequest } from './support/error-bodies';

/**
 * One error shape on every route: `{ statusCode, error, message }` with `message` always one
 * string, plus `errors` (the list) on validation failures only.
 */
describe('error responses', () => {
  let app: TestApp;
  let http: Http;
  let adminToken: string;
  let userToken: string;

  beforeAll(async () => {
    app = await startTestApp();
    http = app.http;
    adminToken = (await loginAdmin(http)).accessToken;
    userToken = (await registerAndLogin(http)).accessToken;
    await createMovie(http, adminToken, { title: 'Alien', releaseYear: 1979, genres: ['Horror'] });
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('validation failures', () => {
    it('join the messages into one string and list them in errors', async () => {
      const response = await http.get('/v1/movies?limit=500&page=0');
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        ...badRequest('limit must not be greater than 100; page must not be less than 1'),
        errors: ['limit must not be greater than 100', 'page must not be less than 1'],
      });
    });

    it('name an unknown field', async () => {
      const response = await http.get('/v1/movies?colour=red');
      expect(response.body).toEqual({
        ...badRequest('colour: property colour should not exist'),
        errors: ['colour: property colour should not exist'],
      });
    });

    it.each([
      ['a query number', '/v1/movies?limit=abc', 'limit must be an integer number'],
      // Number() would read these as 16, 3, 10 and 5; path ids refuse them, and so do queries.
      ['a hexadecimal query number', '/v1/movies?limit=0x10', 'limit must be an integer number'],
      ['a binary query number', '/v1/movies?page=0b11', 'page must be an integer number'],
      [
        'a query number with an exponent',
        '/v1/movies?limit=1e1',
        'limit must be an integer number',
      ],
      ['a signed query number', '/v1/movies?limit=%2B5', 'limit must be an integer number'],
      [
        'a query flag',
        '/v1/users/me/recommendations?explain=maybe',
        'explain must be a boolean value',
      ],
    ])(
      'report only the type of %s of the wrong type, not its range',
      async (_case, path, message) => {
        const response = await http.get(path, { token: userToken });
        expect(response.body).toEqual({ ...badRequest(message), errors: [message] });
      },
    );

    it('report a body field of the wrong type by its type alone', async () => {
      const response = await http.post('/v1/users/me/history', {
        token: userToken,
        body: { movieId: 'abc' },
      });
      expect(response.body).toEqual({
        ...badRequest('movieId must be an integer number'),
        errors: ['movieId must be an integer number'],
      });
    });

    it.each([
      ['a movie title', '/v1/movies', { title: ' \t ' }, 'title'],
      [
        'an API key name',
        '/v1/admin/api-keys',
        { name: '   ', scopes: ['feedback:write'] },
        'name',
      ],
      [
        'a display name',
        '/v1/auth/register',
        { email: 'blank@example.com', password: 'purple giraffe ocean 7', displayName: '   ' },
        'displayName',
      ],
    ])('refuse %s of white space alone, storing nothing', async (_case, path, body, field) => {
      const count = async () =>
        (
          await app.database.query<{ n: number }>(
            `SELECT (SELECT count(*) FROM movies) + (SELECT count(*) FROM api_keys)
                + (SELECT count(*) FROM users) AS n`,
          )
        )[0].n;
      const before = await count();
      const response = await http.post(path, { token: adminToken, body });
      const message = `${field} must not be blank`;
      expect(response.body).toEqual({ ...badRequest(message), errors: [message] });
      expect(await count()).toBe(before);
    });
  });

  describe('a path id that is not a positive integer', () => {
    const routes: [string, string, string][] = [
      ['GET', '/v1/movies/%s', 'id'],
      ['GET', '/v1/movies/%s/similar', 'id'],
      ['PATCH', '/v1/movies/%s', 'id'],
      ['DELETE', '/v1/movies/%s', 'id'],
      ['PUT', '/v1/users/me/ratings/%s', 'movieId'],
      ['DELETE', '/v1/users/me/ratings/%s', 'movieId'],
    ];

    it.each(routes)(
      '%s %s names the parameter and the value as sent',
      async (method, path, name) => {
        // The movie routes other than GET are the admin's; the /users/me routes anyone's.
        const token = method === 'GET' || path.includes('/users/me/') ? userToken : adminToken;
        const body = method === 'PUT' ? { rating: 4 } : method === 'PATCH' ? {} : undefined;
        for (const raw of ['abc', '0', '-1', '1e3', '0x10', '1.0', '2147483648']) {
          const response = await http.request(method, path.replace('%s', raw), { token, body });
          expect(response.status).toBe(400);
          expect(response.body).toEqual(
            badRequest(`${name} must be a positive integer, got "${raw}"`),
          );
        }
      },
    );

    it('quotes at most 20 characters of a long value', async () => {
      const response = await http.get(`/v1/movies/${'9'.repeat(30)}`);
      expect(response.body).toEqual(
        badRequest(`id must be a positive integer, got "${'9'.repeat(20)}..."`),
      );
    });
  });

  describe('an unknown genre', () => {
    const unknown = badRequest('Unknown genre "Nope": GET /v1/genres lists them');

    it.each([
      '/v1/movies?genre=Nope',
      '/v1/movies?genre=Nope&q=alien',
      '/v1/movies/trending?genre=Nope',
      '/v1/users/me/recommendations?genre=Nope',
    ])('is 400 on %s', async (path) => {
      const response = await http.get(path, { token: userToken });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(unknown);
    });

    it('a known one in any case is not', async () => {
      for (const path of [
        '/v1/movies?genre=HORROR',
        '/v1/movies/trending?genre=horror',
        '/v1/users/me/recommendations?genre=Horror',
      ]) {
        const response = await http.get(path, { token: userToken });
        expect(response.status).toBe(200);
        expect(
          response.body.items.map(
            (i: { title?: string; movie?: { title: string } }) => i.title ?? i.movie?.title,
          ),
        ).toEqual(['Alien']);
      }
    });
  });

  describe('bodies the parser refuses', () => {
    it.each(['{"email":', 'null', '"text"'])('%s is 400 with one message', async (rawBody) => {
      const response = await http.post('/v1/auth/login', { rawBody });
      expect(response.body).toEqual(
        badRequest('Request body is not valid JSON: send a JSON object'),
      );
    });

    it('a body over 1 MiB is 413, naming the limit of the route', async () => {
      const response = await http.post('/v1/auth/login', {
        rawBody: JSON.stringify({ email: 'x'.repeat(1024 * 1024 + 1) }),
      });
      expect(response.body).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'Request body is larger than 100 KiB',
      });
    });

    it('a charset other than UTF-8 is 415', async () => {
      const response = await http.post('/v1/auth/login', {
        rawBody: '{}',
        headers: { 'content-type': 'application/json; charset=latin9' },
      });
      expect(response.body).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'Request body must be JSON in UTF-8: send it with Content-Type: application/json',
      });
    });
  });

  it('documents message as a string and errors as a list in the OpenAPI document', async () => {
    const document = await http.get('/docs-json');
    const schema = document.body.components.schemas.ErrorResponseDto;
    expect(schema.properties.message.type).toBe('string');
    expect(schema.properties.errors).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(schema.required).toEqual(['statusCode', 'error', 'message']);
  });
});
