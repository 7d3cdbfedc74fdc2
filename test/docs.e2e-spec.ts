import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import {
  createMovie,
  loginAdmin,
  registerAndLogin,
  startTestApp,
  TestApp,
  uniqueEmail,
} from './support/factories';
import { buildGeneratedClient } from './support/generated-client';

const CHROMIUM = '/usr/bin/chromium';

interface OpenApiOperation {
  security?: unknown[];
  responses: Record<string, unknown>;
  requestBody?: unknown;
}
type OpenApiDocument = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
};

const ROUTES: [string, string, string[]][] = [
  ['post', '/v1/auth/register', ['201', '400', '409']],
  ['post', '/v1/auth/login', ['200', '400', '401', '429']],
  ['post', '/v1/auth/refresh', ['200', '401']],
  ['post', '/v1/auth/logout', ['204', '401']],
  ['get', '/v1/users/me', ['200', '401']],
  ['delete', '/v1/users/me', ['204', '400', '401', '403']],
  ['post', '/v1/users/me/password', ['204', '400', '401', '403']],
  ['post', '/v1/auth/logout-all', ['204', '401']],
  ['get', '/v1/genres', ['200']],
  ['get', '/v1/movies', ['200', '400']],
  ['get', '/v1/movies/trending', ['200', '400']],
  ['get', '/v1/movies/{id}', ['200', '400', '404']],
  ['post', '/v1/movies', ['201', '400', '401', '403']],
  ['patch', '/v1/movies/{id}', ['200', '400', '401', '403', '404']],
  ['delete', '/v1/movies/{id}', ['204', '401', '403', '404']],
  ['put', '/v1/users/me/ratings/{movieId}', ['200', '400', '401', '404']],
  ['get', '/v1/users/me/ratings', ['200', '401']],
  ['delete', '/v1/users/me/ratings/{movieId}', ['204', '401', '404']],
  ['post', '/v1/users/me/history', ['201', '400', '401', '404']],
  ['get', '/v1/users/me/history', ['200', '400', '401']],
  ['put', '/v1/users/me/dismissals/{movieId}', ['200', '400', '401', '404']],
  ['get', '/v1/users/me/dismissals', ['200', '400', '401']],
  ['delete', '/v1/users/me/dismissals/{movieId}', ['204', '400', '401', '404']],
  ['get', '/v1/recommendations/model/versions', ['200', '400']],
  [
    'post',
    '/v1/recommendations/model/versions/{version}/serve',
    ['200', '400', '401', '403', '404', '409'],
  ],
  ['post', '/v1/admin/experiments', ['201', '400', '401', '403', '404', '409']],
  ['get', '/v1/admin/experiments', ['200', '401', '403']],
  ['get', '/v1/admin/experiments/{id}', ['200', '400', '401', '403', '404']],
  ['delete', '/v1/admin/experiments/{id}', ['200', '400', '401', '403', '404']],
];

describe('Swagger: the OpenAPI document, a generated client and the page in a browser', () => {
  let app: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    app = await startTestApp();
    const admin = await loginAdmin(app.http);
    await createMovie(app.http, admin.accessToken, {
      title: 'The Matrix',
      releaseYear: 1999,
      genres: ['Sci-Fi'],
    });
    document = (await app.http.get<OpenApiDocument>('/docs-json')).body;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it.each(ROUTES)('documents %s %s with its statuses', (method, path, statuses) => {
    const operation = document.paths[path]?.[method];
    expect(operation).toBeDefined();
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(statuses));
    // Every route that answers 401 needs the bearer token, except login and refresh.
    const bearer = statuses.includes('401') && !/\/(login|refresh)$/.test(path);
    expect(operation.security).toEqual(bearer ? [{ bearer: [] }] : undefined);
  });

  it('documents similar movies as public, tailored by an optional bearer token', () => {
    const operation = document.paths['/v1/movies/{id}/similar'].get;
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '404']),
    );
    expect(operation.security).toEqual(expect.arrayContaining([{ bearer: [] }, {}]));
    expect(operation.security).toHaveLength(2);
  });

  it('declares the bearer scheme and documents DTOs with examples', () => {
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    // Service keys beside it: "Try it out" sends the key as X-API-Key.
    expect(document.components.securitySchemes['api-key']).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
    });
    expect(document.paths['/v1/movies/by-imdb/{imdbId}'].put.security).toEqual(
      expect.arrayContaining([{ 'api-key': [] }, { bearer: [] }]),
    );
    expect(document.components.schemas.RegisterDto).toMatchObject({
      required: expect.arrayContaining(['email', 'password']),
      properties: { email: { example: 'ada@example.com' } },
    });
    expect(document.components.schemas.MovieResponseDto).toMatchObject({
      properties: { ratingMean: { nullable: true }, genres: { type: 'array' } },
    });
  });

  it('yields a typed client (openapi-typescript + openapi-fetch) that works unchanged', async () => {
    const client = buildGeneratedClient(document);
    try {
      const email = uniqueEmail('generated');
      const result = await client.run(app.server.url, email, 'generated-password');
      expect(result).toEqual({
        userId: expect.any(Number),
        meEmail: email,
        firstTitle: 'The Matrix',
        ratingMean: null,
        rated: 4.5,
        historyCursor: null,
        badLimitStatus: 400,
        badLimitMessage: 'limit must not be greater than 100',
      });
    } finally {
      client.remove();
    }
  }, 120000);

  it('authorizes and runs GET /v1/users/me with "Try it out" in headless Chromium', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium"`);
    }
    const user = await registerAndLogin(app.http, 'browser');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${app.server.url}/docs`);
      await page.locator('button.authorize').first().click();
      const dialog = page.locator('.dialog-ux .modal-ux');
      const bearer = dialog.locator('form').filter({ hasText: 'bearer' });
      await bearer.locator('input').first().fill(user.accessToken);
      await bearer.locator('button.modal-btn.authorize').click();
      await dialog.locator('button.btn-done').first().click();

      const operation = page.locator('.opblock-get').filter({
        has: page.locator('.opblock-summary-path[data-path="/v1/users/me"]'),
      });
      await operation.locator('.opblock-summary').first().click();
      await operation.locator('button.try-out__btn').click();
      await operation.locator('button.execute').click();

      const live = operation.locator('.live-responses-table .response');
      await live.locator('.response-col_status', { hasText: '200' }).waitFor({ timeout: 15000 });
      await expect(live.locator('.response-col_description').innerText()).resolves.toContain(
        user.email,
      );
    } finally {
      await browser.close();
    }
  }, 60000);
});
