import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { IncomingHttpHeaders } from 'node:http';
import { AuthUser } from './auth-user';

/** The request as the guards see it, on any HTTP platform: its headers and, once checked, its user. */
export interface AuthenticatedRequest {
  headers: IncomingHttpHeaders;
  user?: AuthUser;
}

/**
 * Requires `Authorization: Bearer <accessToken>` through JwtStrategy; puts the AuthUser on the
 * request. Says which is wrong: no token, or a token that is not valid now.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<TUser = AuthUser>(
    error: unknown,
    user: TUser | false | null,
    info: unknown,
  ): TUser {
    if (error) throw error;
    if (user) return user;
    const noToken = info instanceof Error && info.message === 'No auth token';
    throw new UnauthorizedException(
      noToken
        ? 'A valid Bearer access token is required'
        : 'The access token is invalid, expired or its session has ended: refresh it or log in again',
    );
  }
}
