import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnauthenticatedError } from '../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccessTokens } from './access-tokens';
import { AuthStateCache } from './auth-state-cache';
import { LoginDto } from './dto/login.dto';
import { RegisterDto } from './dto/register.dto';
import { TokenResponseDto } from './dto/token-response.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { hashRefreshToken, newRefreshToken } from './refresh-token-codec';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionsRepository, StartedSession } from './sessions.repository';
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
    private readonly sessions: SessionsRepository,
    private readonly authState: AuthStateCache,
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
   * answer the same 401. The attempt is counted before its password is checked (LoginThrottle),
   * so a burst of concurrent guesses gets no more checks than the limit.
   */
  async login(body: LoginDto, address: string): Promise<TokenResponseDto> {
    const attempt = await this.throttle.count(body.email, address);
    const credentials = await this.users.findCredentialsByEmail(body.email);
    const valid = credentials?.passwordHash
      ? await this.hasher.verify(credentials.passwordHash, body.password)
      : await this.hasher.verifyNothing(body.password);
    if (!credentials?.passwordHash || !valid) {
      this.logger.log('login failed', { address });
      throw new UnauthenticatedError(BAD_CREDENTIALS);
    }
    await this.throttle.succeeded(attempt, credentials.id);
    const session = await this.sessions.startIfPasswordUnchanged(
      credentials.id,
      credentials.passwordHash,
    );
    // The password changed between its check and now: the old one no longer opens sessions.
    if (!session) throw new UnauthenticatedError(BAD_CREDENTIALS);
    this.logger.log('login succeeded', { userId: credentials.id });
    return this.issue(credentials.id, session);
  }

  /**
   * Rotation: the presented token is used up and a new one of the same session (family) issued.
   * A token presented again after its use means it leaked, so its whole session ends, access
   * tokens included. A session also ends REFRESH_FAMILY_MAX_AGE after its login.
   */
  async refresh(refreshToken: string): Promise<TokenResponseDto> {
    const stored = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (!stored || stored.sessionRevokedAt) throw new UnauthenticatedError(BAD_REFRESH_TOKEN);
    if (stored.revokedAt || !(await this.refreshTokens.revokeIfActive(stored.id))) {
      await this.sessions.revoke(stored.familyId);
      this.authState.forgetSession(stored.familyId);
      this.logger.warn('refresh token reused: session ended', { userId: stored.userId });
      throw new UnauthenticatedError(BAD_REFRESH_TOKEN);
    }
    const session = { id: stored.familyId, startedAt: stored.sessionStartedAt };
    const now = this.clock.now();
    if (stored.expiresAt.getTime() <= now || this.sessionEnd(session).getTime() <= now) {
      throw new UnauthenticatedError(BAD_REFRESH_TOKEN);
    }
    return this.issue(stored.userId, session);
  }

  /** Ends the session of the caller's own refresh token; another user's or an unknown one is a 401. */
  async logout(userId: number, refreshToken: string): Promise<void> {
    const stored = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (!stored || stored.userId !== userId) throw new UnauthenticatedError(BAD_REFRESH_TOKEN);
    await this.sessions.revoke(stored.familyId);
    this.authState.forgetSession(stored.familyId);
    this.logger.log('logged out', { userId });
  }

  /** "Log out everywhere": ends every session of the user, the caller's own included. */
  async logoutAll(userId: number): Promise<void> {
    const ended = await this.sessions.revokeAllOfUser(userId, null);
    this.authState.forgetUser(userId);
    this.logger.log('logged out everywhere', { userId, sessions: ended });
  }

  private sessionEnd(session: StartedSession): Date {
    const maxAgeMs = this.config.auth.refreshFamilyMaxAgeSeconds * 1000;
    return new Date(session.startedAt.getTime() + maxAgeMs);
  }

  /** New tokens for the session; neither outlives it. */
  private async issue(userId: number, session: StartedSession): Promise<TokenResponseDto> {
    const sessionEnd = this.sessionEnd(session);
    const refreshToken = newRefreshToken();
    const refreshTtlMs = this.config.auth.refreshTtlSeconds * 1000;
    const expiresAt = new Date(Math.min(this.clock.now() + refreshTtlMs, sessionEnd.getTime()));
    await this.refreshTokens.insert(userId, session.id, hashRefreshToken(refreshToken), expiresAt);
    const access = await this.accessTokens.sign(userId, session.id, sessionEnd);
    return {
      accessToken: access.accessToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: access.expiresInSeconds,
    };
  }
}
