import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UnauthenticatedError } from '../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccessTokens } from './access-tokens';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { TokenResponseDto } from './dto/token-response.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { hashRefreshToken, newRefreshToken } from './refresh-token-codec';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { toUserResponse } from './user.mapper';
import { UsersRepository } from './users.repository';
import { Clock } from '../common/clock/clock';

/** One message for an unknown email and a wrong password: no account enumeration. */
const BAD_CREDENTIALS = 'Email or password is incorrect';
const BAD_REFRESH_TOKEN = 'The refresh token is invalid, expired or already used';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly accessTokens: AccessTokens,
    private readonly hasher: PasswordHasher,
    private readonly passwords: PasswordPolicy,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async register(body: RegisterDto): Promise<UserResponseDto> {
    this.passwords.assertAcceptable('password', body.password, [body.email, body.displayName]);
    const hash = await this.hasher.hash(body.password);
    const user = await this.users.create(body.email, hash, body.displayName ?? null);
    this.logger.log('user registered', { userId: user.id });
    return toUserResponse(user);
  }

  /**
   * Unknown emails verify a dummy hash, so both failures cost one argon2 verification and
   * answer the same 401. Failures count against the account and the client address.
   */
  async login(body: LoginDto, address: string): Promise<TokenResponseDto> {
    await this.throttle.assertAllowed(body.email, address);
    const credentials = await this.users.findCredentialsByEmail(body.email);
    const valid = credentials?.passwordHash
      ? await this.hasher.verify(credentials.passwordHash, body.password)
      : await this.hasher.verifyNothing(body.password);
    if (!credentials || !valid) {
      await this.throttle.recordFailure(body.email, address);
      this.logger.log('login failed', { address });
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    await this.throttle.recordSuccess(body.email);
    this.logger.log('login succeeded', { userId: credentials.id });
    return this.issue(credentials.id, randomUUID());
  }

  /**
   * Rotation: the presented token is used up and a new one of the same family issued. A token
   * presented again after its use means it leaked, so its whole family is revoked.
   */
  async refresh(refreshToken: string): Promise<TokenResponseDto> {
    const stored = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (!stored) throw new UnauthenticatedError(BAD_REFRESH_TOKEN);
    if (stored.revokedAt || !(await this.refreshTokens.revokeIfActive(stored.id))) {
      await this.refreshTokens.revokeFamily(stored.familyId);
      this.logger.warn('refresh token reused: family revoked', { userId: stored.userId });
      throw new UnauthenticatedError(BAD_REFRESH_TOKEN);
    }
    if (stored.expiresAt.getTime() <= this.clock.now()) {
      throw new UnauthenticatedError(BAD_REFRESH_TOKEN);
    }
    return this.issue(stored.userId, stored.familyId);
  }

  /** Revokes the caller's own refresh token; another user's or an unknown one is a 401. */
  async logout(userId: number, refreshToken: string): Promise<void> {
    const stored = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (!stored || stored.userId !== userId) throw new UnauthenticatedError(BAD_REFRESH_TOKEN);
    await this.refreshTokens.revokeFamily(stored.familyId);
    this.logger.log('logged out', { userId });
  }

  private async issue(userId: number, familyId: string): Promise<TokenResponseDto> {
    const refreshToken = newRefreshToken();
    const expiresAt = new Date(this.clock.now() + this.config.auth.refreshTtlSeconds * 1000);
    await this.refreshTokens.insert(userId, familyId, hashRefreshToken(refreshToken), expiresAt);
    return {
      accessToken: await this.accessTokens.sign(userId),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.accessTokens.ttlSeconds,
    };
  }
}
