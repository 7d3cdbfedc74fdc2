import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { JwtAuthGuard } from './jwt-auth.guard';
import { OptionalJwtAuthGuard } from './optional-jwt-auth.guard';
import { Roles } from './roles.decorator';
import { RolesGuard } from './roles.guard';
import { UserRole } from './user.entity';

/**
 * Protects a route: a valid access token (401 otherwise) and, when roles are named, one of
 * them (403 otherwise). Documents the bearer scheme and both errors in Swagger.
 */
export function Authenticated(...roles: UserRole[]): MethodDecorator & ClassDecorator {
  const decorators = [UseGuards(JwtAuthGuard, RolesGuard), ApiBearerAuth(), ApiErrorResponses(401)];
  if (roles.length > 0) decorators.push(Roles(...roles), ApiErrorResponses(403));
  return applyDecorators(...decorators);
}

/**
 * Tailors a public route to a signed-in user: no Authorization header is an anonymous request,
 * a header must carry a valid access token (401 otherwise). Read the user with
 * @OptionalCurrentUser().
 */
export function OptionallyAuthenticated(): MethodDecorator & ClassDecorator {
  // Two alternative security requirements: the bearer token, or none at all.
  return applyDecorators(
    UseGuards(OptionalJwtAuthGuard),
    ApiBearerAuth(),
    ApiSecurity({}),
    ApiErrorResponses(401),
  );
}
