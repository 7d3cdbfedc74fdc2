import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { NO_STORE_PATHS, noStore } from './common/http/no-store';
import { limitQueryParameters } from './common/http/query-parameter-limit.middleware';
import { refuseNulInUrl } from './common/http/refuse-nul-in-url.middleware';
import { useCheckedBodyParsers } from './common/http/request-body';
import { RequestTimeoutInterceptor } from './common/http/request-timeout.interceptor';
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
 * The HTTP surface shared by every way the app is started: no NUL character in a URL and at
 * most 32 query parameters, JSON bodies up to 100 KiB (1 MiB on batch routes; 413 past it)
 * checked for nesting, key count and NUL before they are parsed (request-body.ts), one
 * validation pipe (whitelist, unknown fields rejected, transform), one error filter (unknown
 * routes are 404 in the same shape), Swagger at /docs and /docs-json, helmet's headers, CORS
 * from CORS_ORIGINS, a 503 past REQUEST_TIMEOUT_MS, the client address from TRUST_PROXY, and
 * `Cache-Control: no-store` on token and account responses.
 */
export function configureHttpApp(app: NestExpressApplication, options: HttpAppOptions): void {
  app.use(helmet({ contentSecurityPolicy: { directives: SWAGGER_COMPATIBLE_CSP } }));
  app.enableCors({
    origin: options.corsOrigins.includes('*') ? true : [...options.corsOrigins],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  app.use(refuseNulInUrl);
  app.use(limitQueryParameters);
  useCheckedBodyParsers(app);
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.use(NO_STORE_PATHS, noStore);
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalInterceptors(new RequestTimeoutInterceptor(options.requestTimeoutMs));
  setUpSwagger(app);
}

/**
 * helmet's default policy plus what Swagger UI at /docs needs: its bundle and init script are
 * same-origin files (no inline script), but it sets inline styles and shows data: images.
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
