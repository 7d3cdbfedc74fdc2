import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { accessTokenKey } from './access-token-key';
import { AuthUser } from './auth-user';
import { UsersRepository } from './users.repository';

/** `Authorization: Bearer <three base64url parts>`; anything else is no token at all. */
const BEARER = /^Bearer ([A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]*\.[A-Za-z0-9_+/=-]*)$/;

function bearerToken(request: Request): string | null {
  return BEARER.exec(request.headers.authorization ?? '')?.[1] ?? null;
}

interface AccessTokenClaims {
  sub?: unknown;
}

/**
 * The bearer check, as a passport-jwt strategy: HS256 only (so `alg: none` and swapped
 * algorithms fail), the expiry enforced by passport-jwt, and the user looked up on every check
 * so a deleted account's tokens stop working at once. The role comes from the database, not
 * the token.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super({
      jwtFromRequest: bearerToken,
      // passport-jwt hands the key to jsonwebtoken 9, which takes a KeyObject; its typings
      // still say string | Buffer.
      secretOrKey: accessTokenKey(config) as unknown as Buffer,
      algorithms: ['HS256'],
    });
  }

  /** The AuthUser for verified claims; null (a 401) when the subject is not a live account. */
  async validate(claims: AccessTokenClaims): Promise<AuthUser | null> {
    const id = Number(claims.sub);
    if (typeof claims.sub !== 'string' || !Number.isSafeInteger(id) || id <= 0) return null;
    return this.users.findAuthUser(id);
  }
}
