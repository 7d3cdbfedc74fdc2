import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Signs access tokens (HS256, ACCESS_TTL); JwtStrategy checks them. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
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
}
