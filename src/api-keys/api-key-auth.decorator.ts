import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { API_KEY_SCOPE, ApiKeyScope, API_KEY_SECURITY } from './api-key-scope';
import { ApiKeyOrAdminGuard } from './api-key-or-admin.guard';
import { ApiKeyGuard } from './api-key.guard';

/**
 * Protects a route with a service key: `X-API-Key` holding a valid key (401 otherwise) with
 * `scope` (403 otherwise). Documents the key scheme and both errors in Swagger.
 */
export function ApiKeyAuth(scope: ApiKeyScope): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(API_KEY_SCOPE, scope),
    UseGuards(ApiKeyGuard),
    ApiSecurity(API_KEY_SECURITY),
    ApiErrorResponses(401, 403, 429),
  );
}

/** Either a service key with `scope` or an admin's bearer token (two security alternatives). */
export function ApiKeyOrAdminAuth(scope: ApiKeyScope): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(API_KEY_SCOPE, scope),
    Roles('admin'),
    UseGuards(ApiKeyOrAdminGuard),
    ApiSecurity(API_KEY_SECURITY),
    ApiBearerAuth(),
    ApiErrorResponses(401, 403, 429),
  );
}
