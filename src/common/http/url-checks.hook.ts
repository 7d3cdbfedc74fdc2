import { BadRequestException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/** Most query parameters a request may carry; the richest route (GET /v1/movies) takes 7. */
export const MAX_QUERY_PARAMETERS = 32;

/**
 * Fastify `onRequest` hook: checks on the raw URL, before any of it is decoded or parsed.
 *
 * - 400 for an encoded NUL character (`%00`) anywhere, path or query: PostgreSQL text cannot
 *   store it, so a query parameter carrying one would fail in the database. (Node's HTTP parser
 *   refuses a raw NUL byte.)
 * - 400 for a query string of more than MAX_QUERY_PARAMETERS parameters: validation costs time
 *   per unknown parameter and answers with one message each, so 1,000 of them (the parser's own
 *   cap) took 70-110 ms and a 76 KB answer.
 */
export function checkUrl(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  const url = request.raw.url ?? '/';
  if (url.includes('%00')) {
    done(new BadRequestException('The URL must not contain the NUL character (%00): remove it'));
    return;
  }
  const start = url.indexOf('?');
  if (start >= 0 && countParameters(url, start + 1) > MAX_QUERY_PARAMETERS) {
    done(
      new BadRequestException(
        `The query string has more than ${MAX_QUERY_PARAMETERS} parameters: send the documented ones only`,
      ),
    );
    return;
  }
  done();
}

/** Non-empty `&`-separated parts of `url` from `from` on, without splitting it. */
function countParameters(url: string, from: number): number {
  let count = 0;
  let partStart = from;
  for (let i = from; i <= url.length; i++) {
    if (i === url.length || url.charCodeAt(i) === 0x26 /* & */) {
      if (i > partStart) count++;
      partStart = i + 1;
    }
  }
  return count;
}
