import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { AccessTokens } from './access-tokens';
import { AuthUser } from './auth-user';

export type AuthenticatedRequest = Request & { user?: AuthUser };

const BEARER = /^Bearer ([A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]*\.[A-Za-z0-9_+/=-]*)$/;

/** Requires `Authorization: Bearer <accessToken>`; puts the AuthUser on the request. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly tokens: AccessTokens) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedException('A valid Bearer access token is required');
    const user = await this.tokens.verify(token);
    if (!user) throw new UnauthorizedException('The access token is invalid or expired');
    request.user = user;
    return true;
  }
}
