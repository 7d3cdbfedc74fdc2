import { ExecutionContext, Injectable } from '@nestjs/common';
import { JwtAuthGuard, AuthenticatedRequest } from './jwt-auth.guard';

/**
 * For routes that answer everyone and tailor the answer to a signed-in user: a request without
 * an Authorization header passes anonymously; one with the header must carry a valid access
 * token (401 otherwise, as JwtAuthGuard), so a client's broken token is never silently ignored.
 */
@Injectable()
export class OptionalJwtAuthGuard extends JwtAuthGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.headers.authorization === undefined) return true;
    return (await super.canActivate(context)) as boolean;
  }
}
