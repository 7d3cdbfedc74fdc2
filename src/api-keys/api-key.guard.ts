import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { API_KEY_HEADER, API_KEY_SCOPE, ApiKeyScope } from './api-key-scope';
import { rawRequest } from '../common/throttling/throttle-key';
import { ApiKeyRequest } from './api-key-request';

/** Whether the request carries an X-API-Key header at all (valid or not). */
export function hasApiKeyHeader(request: unknown): boolean {
  return rawRequest<ApiKeyRequest>(request).headers[API_KEY_HEADER] !== undefined;
}

/**
 * After ApiKeyMiddleware: 401 unless the request carried a valid key, 403 unless that key holds
 * the scope named by @ApiKeyAuth().
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const scope = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(API_KEY_SCOPE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = rawRequest<ApiKeyRequest>(context.switchToHttp().getRequest());
    const key = request.apiKey;
    if (!key) {
      throw new UnauthorizedException(
        request.apiKeyRejection ?? 'An X-API-Key header with a valid service key is required',
      );
    }
    if (scope && !key.scopes.includes(scope)) {
      throw new ForbiddenException(`This API key lacks the scope ${scope}`);
    }
    return true;
  }
}
