import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError } from '../common/errors/app-error';
import { UserResponseDto } from './dto/user-response.dto';
import { toUserResponse } from './user.mapper';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(private readonly users: UsersRepository) {}

  async getMe(userId: number): Promise<UserResponseDto> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError('This account no longer exists');
    return toUserResponse(user);
  }

  /**
   * Deletes the account. Ratings, history, dismissals and refresh tokens go with it (ON DELETE
   * CASCADE) and the rating triggers take the ratings out of the movies' aggregates in the same
   * statement.
   */
  async deleteMe(userId: number): Promise<void> {
    await this.users.delete(userId);
    this.logger.log('account deleted', { userId });
  }
}
