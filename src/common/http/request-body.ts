import type { IncomingMessage } from 'node:http';
import type {
  NestExpressApplication,
  NestExpressBodyParserOptionsFor,
} from '@nestjs/platform-express';
import { jsonShapeViolation } from './json-shape';

const KIB = 1024;

/**
 * Most bytes of a request body. The largest body of the API today is a movie (a 10,000-character
 * overview is at most ~30 KiB of UTF-8, ~70 KiB if every character were \u-escaped), so 100 KiB;
 * routes that take batches get more (LARGE_BODY_ROUTES). Past the limit: 413.
 */
export const BODY_LIMIT_BYTES = 100 * KIB;

/**
 * Routes whose bodies may be larger than BODY_LIMIT_BYTES, by path. The contract's batch
 * feedback route takes up to 1,000 events (a few hundred KiB). 1 MiB is the most any route takes,
 * as the contract says.
 */
export const LARGE_BODY_ROUTES: ReadonlyMap<string, number> = new Map([
  ['/v1/apps/feedback', 1024 * KIB],
]);

const MAX_BODY_LIMIT_BYTES = Math.max(BODY_LIMIT_BYTES, ...LARGE_BODY_ROUTES.values());

/**
 * A body refused before it is parsed. The body parser hands it on with this `status` and
 * `type`, and AllExceptionsFilter answers it: with the message for `entity.refused`, with its
 * own for the types the parser also uses (413 names the route's limit).
 */
export class RequestBodyRefusedError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly type: 'entity.refused' | 'entity.too.large' | 'charset.unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'RequestBodyRefusedError';
  }
}

/**
 * JSON and form bodies, each checked on its bytes before it is parsed: its route's size limit,
 * then (JSON) nesting, keys and values within JSON_SHAPE_LIMITS and no NUL character anywhere,
 * so that no body costs more than its size to parse and validate, and no string PostgreSQL
 * cannot store reaches it.
 */
export function useCheckedBodyParsers(app: NestExpressApplication): void {
  // Nest's types reserve `verify` for its `rawBody` option, which this app leaves off; with it
  // off, the options reach express.json and express.urlencoded as they are.
  app.useBodyParser('json', {
    limit: MAX_BODY_LIMIT_BYTES,
    verify: verifyJsonBody,
  } as NestExpressBodyParserOptionsFor<'json'>);
  app.useBodyParser('urlencoded', {
    limit: BODY_LIMIT_BYTES,
    extended: false,
    verify: verifyFormBody,
  } as NestExpressBodyParserOptionsFor<'urlencoded'>);
}

/** The body limit of the route `url` names: its entry in LARGE_BODY_ROUTES or the default. */
export function bodyLimitFor(url: string): number {
  const path = url.split('?')[0].toLowerCase().replace(/\/+$/, '');
  return LARGE_BODY_ROUTES.get(path) ?? BODY_LIMIT_BYTES;
}

function verifyJsonBody(req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  // JSON between systems is UTF-8 (RFC 8259, 8.1); the shape check reads UTF-8 bytes.
  if (encoding !== 'utf-8' && encoding !== 'utf8') {
    throw new RequestBodyRefusedError(415, 'charset.unsupported', 'Request body must be UTF-8');
  }
  assertWithinLimit(req, body);
  const violation = jsonShapeViolation(body);
  if (violation) throw new RequestBodyRefusedError(400, 'entity.refused', violation);
}

function verifyFormBody(_req: IncomingMessage, _res: unknown, body: Buffer): void {
  if (body.includes(0) || body.includes('%00')) {
    throw new RequestBodyRefusedError(
      400,
      'entity.refused',
      'Request body must not contain the NUL character (%00): remove it',
    );
  }
}

function assertWithinLimit(req: IncomingMessage, body: Buffer): void {
  const limit = bodyLimitFor(req.url ?? '');
  if (body.length > limit) {
    throw new RequestBodyRefusedError(413, 'entity.too.large', 'Request body is too large');
  }
}
