import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from './auth-user';
import { Authenticated } from './authenticated.decorator';
import { CurrentUser } from './current-user.decorator';
import { UserResponseDto } from './dto/user-response.dto';
import { UsersService } from './users.service';

@ApiTags('account')
@Authenticated()
@Controller('v1/users/me')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'The account behind the access token' })
  @ApiOkResponse({ type: UserResponseDto })
  getMe(@CurrentUser() user: AuthUser): Promise<UserResponseDto> {
    return this.users.getMe(user.id);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the account with its ratings, history and tokens' })
  @ApiNoContentResponse({ description: 'Deleted; its access tokens stop working at once' })
  deleteMe(@CurrentUser() user: AuthUser): Promise<void> {
    return this.users.deleteMe(user.id);
  }
}
