import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthUser } from './auth-user';
import { UsersRepository } from './users.repository';

interface AccessTokenClaims {
  sub: string;
}

/**
 * Signs and checks access tokens: HS256 only (so `alg: none` and swapped algorithms fail), the
 * expiry enforced, and the user looked up on every check so a deleted account's tokens stop
 * working at once. The role comes from the database, not the token.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.auth.accessTtlSeconds;
  }

  sign(userId: number): Promise<string> {
    return this.jwt.signAsync(
      { sub: String(userId) },
      { algorithm: 'HS256', expiresIn: this.ttlSeconds },
    );
  }

  /** The user behind a token, or null for any token that is not valid now. */
  async verify(token: string): Promise<AuthUser | null> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    const id = Number(claims.sub);
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    return this.users.findAuthUser(id);
  }
}
