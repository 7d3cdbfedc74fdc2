import { INestApplication } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { MAX_BODY_LIMIT_BYTES, useCheckedBodyParsers } from './common/http/request-body';
import { applyRouteOptions } from './common/http/route-options';
import { checkUrl } from './common/http/url-checks.hook';
import { requestIdOf } from './common/logging/request-logging.hooks';
import { useRequestTimeout } from './common/http/request-timeout.hook';
import { RequestValidationPipe } from './common/http/request-validation.pipe';
import { TrustProxy } from './config/trust-proxy';
import { API_KEY_SECURITY } from './api-keys/api-key-scope';

/** Swagger UI's path; the OpenAPI document is at `${DOCS_PATH}-json`. */
export const DOCS_PATH = 'docs';

export interface HttpAppOptions {
  /** Allowed browser origins; `*` allows any, empty allows none (same-origin only). */
  corsOrigins: readonly string[];
  requestTimeoutMs: number;
  /** Whose X-Forwarded-For names the client; false: the connection's address does. */
  trustProxy: TrustProxy;
}

/**
 * The Fastify server under Nest: the client address from TRUST_PROXY (Fastify reads it with
 * proxy-addr, as Express did: the same hop counts, addresses and named ranges), the request
 * id from X-Request-Id or a new UUID, no logger of its own (request-logging.hooks.ts logs one
 * line per request), and routes matched as Express matched them: in any case, with or without
 * a trailing slash.
 */
export function createHttpAdapter(options: Pick<HttpAppOptions, 'trustProxy'>): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: fastifyTrustProxy(options.trustProxy),
    genReqId: requestIdOf,
    requestIdHeader: false,
    logger: false,
    // Each route's own is set as it is registered (applyRouteOptions).
    bodyLimit: MAX_BODY_LIMIT_BYTES,
    // An app's user id (up to 128 characters, percent-encoded up to three times that) is one
    // path parameter; past Fastify's default of 100 it would be a 414 instead of the id's 400.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 512 },
  });
}

/**
 * TRUST_PROXY as Fastify's `trustProxy`. A hop count becomes Express's rule (the `n` hops
 * nearest to us are proxies): Fastify trusts no hop for a bare number.
 */
function fastifyTrustProxy(
  trustProxy: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trustProxy === false) return false;
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  return [...trustProxy];
}

/**
 * The HTTP surface shared by every way the app is started: no NUL character in a URL and at
 * most 32 query parameters, JSON bodies up to 100 KiB (1 MiB on batch routes; 413 past it)
 * checked for nesting, key count and NUL before they are parsed (request-body.ts), one
 * validation pipe (whitelist, unknown fields rejected, transform), one error filter (unknown
 * routes are 404 in the same shape), Swagger at /docs and /docs-json, helmet's headers (Nest's
 * own `useSecurityHeaders`, helmet 8's set), CORS from CORS_ORIGINS, a 503 past
 * REQUEST_TIMEOUT_MS, and `Cache-Control: no-store` on token and account responses.
 */
export function configureHttpApp(app: NestFastifyApplication, options: HttpAppOptions): void {
  app.useSecurityHeaders({ contentSecurityPolicy: { directives: SWAGGER_COMPATIBLE_CSP } });
  app.enableCors({
    origin: options.corsOrigins.includes('*') ? true : [...options.corsOrigins],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', checkUrl);
  useRequestTimeout(fastify, options.requestTimeoutMs);
  fastify.addHook('onRoute', applyRouteOptions);
  useCheckedBodyParsers(fastify);
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  setUpSwagger(app);
}

/**
 * helmet's default policy (which Nest's `useSecurityHeaders` sends too) plus what Swagger UI at
 * /docs needs: its bundle and init script are same-origin files (no inline script), but it sets
 * inline styles and shows data: images.
 */
const SWAGGER_COMPATIBLE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  // Would send the page's requests to https:// on a plain-HTTP deployment (localhost, behind a
  // TLS-terminating proxy the proxy sets its own policy).
  upgradeInsecureRequests: null,
};

function setUpSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Movie recommender')
      .setDescription(
        'Accounts, catalog, ratings, watch history and hybrid recommendations. ' +
          'Authorize with the accessToken from POST /v1/auth/login, or (for /v1/apps and ' +
          'catalog sync) with a service key from POST /v1/admin/api-keys as X-API-Key.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addApiKey(
        { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A service key' },
        API_KEY_SECURITY,
      )
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json` });
}
