import { Injectable, Logger } from '@nestjs/common';
import { AuthStateCache } from './auth-state-cache';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/app-error';
import { AuthUser } from './auth-user';
import { ChangePasswordDto } from './dto/change-password.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';
import { Reauthentication } from './reauthentication';
import { SessionsRepository } from './sessions.repository';
import { toUserResponse } from './user.mapper';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly authState: AuthStateCache,
    private readonly reauthentication: Reauthentication,
    private readonly passwords: PasswordPolicy,
    private readonly hasher: PasswordHasher,
  ) {}

  async getMe(userId: number): Promise<UserResponseDto> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError('This account no longer exists');
    return toUserResponse(user);
  }

  /**
   * Replaces the password after checking the current one, and ends every other session of the
   * account in the same transaction: whoever knew the old password is logged out everywhere but
   * here. The caller's session goes on.
   */
  async changePassword(user: AuthUser, body: ChangePasswordDto): Promise<void> {
    if (body.newPassword === body.currentPassword) {
      throw new InvalidInputError('newPassword must differ from currentPassword');
    }
    const account = await this.users.findById(user.id);
    if (!account) throw new NotFoundError('This account no longer exists');
    this.passwords.assertAcceptable('newPassword', body.newPassword, [
      account.email,
      account.displayName,
      body.currentPassword,
    ]);
    await this.reauthentication.confirm(user, 'currentPassword', body.currentPassword);
    const hash = await this.hasher.hash(body.newPassword);
    const ended = await this.users.transaction(async (manager) => {
      await this.users.setPasswordHash(user.id, hash, manager);
      return this.sessions.revokeAllOfUser(user.id, user.sessionId, manager);
    });
    this.authState.forgetUser(user.id);
    this.logger.log('password changed', { userId: user.id, otherSessionsEnded: ended });
  }

  /**
   * Deletes the account once its current password is confirmed. Ratings, history, dismissals,
   * sessions and refresh tokens go with it (ON DELETE CASCADE), so its access tokens stop at once, and the
   * rating triggers take the ratings out of the movies' aggregates in the same statement.
   */
  async deleteMe(user: AuthUser, password: string | undefined): Promise<void> {
    if (password === undefined || password === '') {
      throw new ForbiddenError(
        'Deleting the account needs its current password: send {"password": "..."} in the body',
      );
    }
    await this.reauthentication.confirm(user, 'password', password);
    await this.users.delete(user.id);
    this.authState.forgetUser(user.id);
    this.logger.log('account deleted', { userId: user.id });
  }
}
