import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { ErrorResponseDto } from '../common/errors/error-response.dto';
import { AuthUser } from './auth-user';
import { Authenticated } from './authenticated.decorator';
import { CurrentUser } from './current-user.decorator';
import { ChangePasswordDto } from './dto/change-password.dto';
import { DeleteAccountDto } from './dto/delete-account.dto';
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

  @Post('password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change the password (the current one is asked again)',
    description:
      'Every other session of the account ends at once (its access and refresh tokens stop ' +
      'working); the tokens of this session go on. 400 when the new password is too short, too ' +
      'long or too easy to guess; 403 when currentPassword is wrong; after 5 wrong ones this ' +
      'session ends too (401).',
  })
  @ApiNoContentResponse({ description: 'Changed; the other sessions have ended' })
  @ApiErrorResponses(400)
  @ApiForbiddenResponse({
    description: 'Forbidden: currentPassword is not the current password',
    type: ErrorResponseDto,
  })
  changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto): Promise<void> {
    return this.users.changePassword(user, body);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete the account with its ratings, history and tokens',
    description:
      'Needs the current password in the JSON body, `{"password": "..."}`, besides the access ' +
      'token: 403 when it is missing or wrong; after 5 wrong ones this session ends (401).',
  })
  @ApiBody({ type: DeleteAccountDto, required: true })
  @ApiNoContentResponse({ description: 'Deleted; its access tokens stop working at once' })
  @ApiErrorResponses(400)
  @ApiForbiddenResponse({
    description: 'Forbidden: password is missing or not the current password',
    type: ErrorResponseDto,
  })
  deleteMe(@CurrentUser() user: AuthUser, @Body() body: DeleteAccountDto): Promise<void> {
    return this.users.deleteMe(user, body.password);
  }
}
