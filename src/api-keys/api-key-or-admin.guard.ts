import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { RolesGuard } from '../auth/roles.guard';
import { ApiKeyGuard, hasApiKeyHeader } from './api-key.guard';

/**
 * A route open to a service key with the scope of @ApiKeyAuth() or to an admin's bearer token
 * (with @Roles('admin')): a request with an X-API-Key header is judged by its key alone.
 */
@Injectable()
export class ApiKeyOrAdminGuard implements CanActivate {
  constructor(
    private readonly keyGuard: ApiKeyGuard,
    private readonly jwtGuard: JwtAuthGuard,
    private readonly rolesGuard: RolesGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (hasApiKeyHeader(context.switchToHttp().getRequest())) {
      return this.keyGuard.canActivate(context);
    }
    return (
      ((await this.jwtGuard.canActivate(context)) as boolean) &&
      this.rolesGuard.canActivate(context)
    );
  }
}
