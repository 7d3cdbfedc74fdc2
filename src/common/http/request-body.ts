import type { FastifyInstance, FastifyRequest } from 'fastify';
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

/**
 * The server's limit, which holds where no route's does: a URL no route matches is read up to
 * the largest limit, then held to the limit its path names (bodyLimitFor), as a route would be.
 */
export const MAX_BODY_LIMIT_BYTES = Math.max(BODY_LIMIT_BYTES, ...LARGE_BODY_ROUTES.values());

/**
 * A body refused on its bytes, or one the parser could not read. Its `statusCode` makes Nest's
 * Fastify adapter hand it to AllExceptionsFilter as the cause of an HttpException; the filter
 * answers with its message for `entity.refused`, with its own for the other types (413 names
 * the route's limit).
 */
export class RequestBodyRefusedError extends Error {
  constructor(
    readonly statusCode: 400 | 413 | 415,
    readonly type:
      'entity.refused' | 'entity.too.large' | 'entity.parse.failed' | 'charset.unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'RequestBodyRefusedError';
  }
}

/**
 * The only body parser: JSON, checked on its bytes before it is parsed: its route's size limit
 * (Fastify's `bodyLimit`, set per route by applyRouteOptions, refuses a larger Content-Length
 * before reading), then nesting, keys and values within JSON_SHAPE_LIMITS and no NUL character
 * anywhere, so that no body costs more than its size to parse and validate, and no string
 * PostgreSQL cannot store reaches it. Every other content type is refused with 415, form bodies
 * included: the API is JSON only, and a form post is what a cross-site HTML form can send
 * without a CORS preflight (register, login), and what curl's `-d` sends without `-H
 * 'Content-Type: application/json'`, which then read as one odd property name instead of JSON.
 */
export function useCheckedBodyParsers(instance: FastifyInstance): void {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('application/json', { parseAs: 'buffer' }, inDone(parseJsonBody));
}

type BodyParser = (request: FastifyRequest, body: Buffer | string) => unknown;

/** A synchronous parser in Fastify's callback form (a two-argument one must return a promise). */
function inDone(
  parse: BodyParser,
): (
  request: FastifyRequest,
  body: Buffer | string,
  done: (error: Error | null, body?: unknown) => void,
) => void {
  return (request, body, done) => {
    let parsed: unknown;
    try {
      parsed = parse(request, body);
    } catch (error) {
      done(error as Error);
      return;
    }
    done(null, parsed);
  };
}

/** The body limit of the route `url` names: its entry in LARGE_BODY_ROUTES or the default. */
export function bodyLimitFor(url: string): number {
  const path = url.split('?')[0].toLowerCase().replace(/\/+$/, '');
  return LARGE_BODY_ROUTES.get(path) ?? BODY_LIMIT_BYTES;
}

/** `charset=...` of a Content-Type header, lower case, if it names one. */
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/** The first byte of a JSON object or array (strict, as body-parser's `strict` mode). */
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;

function parseJsonBody(request: FastifyRequest, body: Buffer | string): unknown {
  // JSON between systems is UTF-8 (RFC 8259, 8.1); the shape check reads UTF-8 bytes.
  const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new RequestBodyRefusedError(415, 'charset.unsupported', 'Request body must be UTF-8');
  }
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  assertWithinLimit(request, bytes);
  const first = firstNonWhitespace(bytes);
  // An empty body is an empty object, as body-parser made it.
  if (first === -1) return {};
  if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) throw notJson();
  const violation = jsonShapeViolation(bytes);
  if (violation) throw new RequestBodyRefusedError(400, 'entity.refused', violation);
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw notJson();
  }
}

function notJson(): RequestBodyRefusedError {
  return new RequestBodyRefusedError(400, 'entity.parse.failed', 'Request body is not valid JSON');
}

function firstNonWhitespace(bytes: Buffer): number {
  for (const byte of bytes) {
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
  }
  return -1;
}

/** A route's own `bodyLimit` refused a larger body already; this holds URLs no route matches. */
function assertWithinLimit(request: FastifyRequest, bytes: Buffer): void {
  if (request.is404 && bytes.length > bodyLimitFor(request.url)) {
    throw new RequestBodyRefusedError(413, 'entity.too.large', 'Request body is too large');
  }
}
