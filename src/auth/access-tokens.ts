import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '../common/clock/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export interface SignedAccessToken {
  accessToken: string;
  expiresInSeconds: number;
}

/**
 * Signs access tokens (HS256): `sub` the user id, `sid` the session, checked on every request by
 * JwtStrategy. They live ACCESS_TTL, never past the end of their session.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async sign(userId: number, sessionId: string, sessionEndsAt: Date): Promise<SignedAccessToken> {
    const sessionLeftSeconds = Math.floor((sessionEndsAt.getTime() - this.clock.now()) / 1000);
    const expiresInSeconds = Math.max(
      1,
      Math.min(this.config.auth.accessTtlSeconds, sessionLeftSeconds),
    );
    const accessToken = await this.jwt.signAsync(
      { sub: String(userId), sid: sessionId },
      { algorithm: 'HS256', expiresIn: expiresInSeconds },
    );
    return { accessToken, expiresInSeconds };
  }
}
