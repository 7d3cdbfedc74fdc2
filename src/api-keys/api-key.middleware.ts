import { Injectable, NestMiddleware } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { API_KEY_HEADER } from './api-key-scope';
import { ApiKeyRequest } from './api-key-request';
import { ApiKeysService } from './api-keys.service';

/**
 * Checks an `X-API-Key` header before the guards run, so that throttling counts a valid key's
 * requests per key rather than per address (`throttleKey`). Refuses nothing itself: the routes'
 * guards answer 401/403 from what it leaves on the request.
 */
@Injectable()
export class ApiKeyMiddleware implements NestMiddleware {
  constructor(private readonly keys: ApiKeysService) {}

  /** Runs on the raw Node request (Nest middleware on Fastify); guards read it via rawRequest. */
  use(request: ApiKeyRequest, _response: ServerResponse, next: (error?: unknown) => void): void {
    const header = request.headers[API_KEY_HEADER];
    if (header === undefined) return next();
    if (Array.isArray(header)) {
      request.apiKeyRejection = 'Send one X-API-Key header';
      return next();
    }
    this.keys.check(header.trim()).then((result) => {
      if ('key' in result) {
        request.apiKey = result.key;
        request.throttleKey = `api-key:${result.key.id}`;
      } else {
        request.apiKeyRejection = result.rejection;
      }
      next();
    }, next);
  }
}
