import { Injectable, Logger } from '@nestjs/common';
import { AuthStateCache } from './auth-state-cache';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/app-error';
import { AuthUser } from './auth-user';
import { PasswordHasher } from './password-hasher';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';

/**
 * Wrong current passwords a session may give before it is ended. Whoever holds a stolen access
 * token must not get a password-guessing oracle out of the re-authenticating routes.
 */
export const MAX_REAUTH_ATTEMPTS = 5;

/**
 * The current password, asked again before an account changes its password or is deleted: a
 * borrowed or stolen access token alone must not be enough. Each attempt is counted on the
 * session before the password is checked; the fifth wrong one ends the session.
 */
@Injectable()
export class Reauthentication {
  private readonly logger = new Logger(Reauthentication.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly authState: AuthStateCache,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * Returns when `password` is the account's current password. Throws ForbiddenError (403) when
   * it is wrong, UnauthenticatedError (401) once the attempts are used up (the session ends).
   */
  async confirm(user: AuthUser, field: string, password: string): Promise<void> {
    const attempts = await this.sessions.countReauthAttempt(user.sessionId, MAX_REAUTH_ATTEMPTS);
    if (attempts === null) {
      this.authState.forgetSession(user.sessionId);
      throw this.sessionEnded(user);
    }
    const hash = await this.users.findPasswordHash(user.id);
    if (hash && (await this.hasher.verify(hash, password))) {
      await this.sessions.clearReauthAttempts(user.sessionId);
      return;
    }
    if (attempts >= MAX_REAUTH_ATTEMPTS) {
      await this.sessions.revoke(user.sessionId);
      this.authState.forgetSession(user.sessionId);
      throw this.sessionEnded(user);
    }
    const left = MAX_REAUTH_ATTEMPTS - attempts;
    throw new ForbiddenError(
      `${field} is not the account's current password; ${left} attempt${left === 1 ? '' : 's'} ` +
        'left before this session is ended',
    );
  }

  private sessionEnded(user: AuthUser): UnauthenticatedError {
    this.logger.warn('session ended after wrong current passwords', { userId: user.id });
    return new UnauthenticatedError(
      'The current password was wrong too many times and this session has ended: log in again',
    );
  }
}
