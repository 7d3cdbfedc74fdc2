import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { IncomingHttpHeaders } from 'node:http';
import { Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { accessTokenKey } from './access-token-key';
import { AuthUser } from './auth-user';
import { AuthStateCache } from './auth-state-cache';

/** `Authorization: Bearer <three base64url parts>`; anything else is no token at all. */
const BEARER = /^Bearer ([A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]*\.[A-Za-z0-9_+/=-]*)$/;

function bearerToken(request: { headers: IncomingHttpHeaders }): string | null {
  return BEARER.exec(request.headers.authorization ?? '')?.[1] ?? null;
}

/** A session id as PostgreSQL prints a uuid; anything else never reaches the query. */
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** users.id is a PostgreSQL integer: a larger subject would be a database error, not a 401. */
const MAX_INT4 = 2147483647;

interface AccessTokenClaims {
  sub?: unknown;
  sid?: unknown;
}

/**
 * The bearer check, as a passport-jwt strategy: HS256 only (so `alg: none` and swapped
 * algorithms fail), the expiry enforced by passport-jwt, and the token's session and user
 * checked on every request against the auth state this process keeps exact by NOTIFY
 * (AuthStateCache), so an ended session's or a deleted account's tokens stop working with no
 * round trip: on the process that ended it before it answers, on every other once the NOTIFY
 * arrives (about a millisecond). The role comes from the database, not the token.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly authState: AuthStateCache,
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

  /**
   * The AuthUser for verified claims; null (a 401) when the session has ended or the subject is
   * not a live account. Tokens without a `sid` (issued before sessions existed) are refused.
   */
  async validate(claims: AccessTokenClaims): Promise<AuthUser | null> {
    const id = Number(claims.sub);
    if (typeof claims.sub !== 'string' || !Number.isInteger(id) || id <= 0 || id > MAX_INT4) {
      return null;
    }
    if (typeof claims.sid !== 'string' || !SESSION_ID.test(claims.sid)) return null;
    return this.authState.find(claims.sid, id);
  }
}
