import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { AuthUser } from './auth-user';
import { AuthenticatedRequest } from './jwt-auth.guard';

/** The AuthUser that JwtAuthGuard put on the request. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser => {
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw new UnauthorizedException('A valid Bearer access token is required');
    return user;
  },
);

/** The AuthUser that OptionalJwtAuthGuard put on the request, or undefined when anonymous. */
export const OptionalCurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().user ?? undefined,
);
