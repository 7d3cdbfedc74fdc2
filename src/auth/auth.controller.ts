import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { Authenticated } from './authenticated.decorator';
import { CurrentUser } from './current-user.decorator';
import { LoginDto } from './dto/login.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { RegisterDto } from './dto/register.dto';
import { TokenResponseDto } from './dto/token-response.dto';
import { UserResponseDto } from './dto/user-response.dto';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @ApiOperation({ summary: 'Create an account' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiErrorResponses(400, 409, 413)
  register(@Body() body: RegisterDto): Promise<UserResponseDto> {
    return this.auth.register(body);
  }

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for tokens' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiErrorResponses(400, 401, 429)
  login(@Body() body: LoginDto, @Ip() address: string): Promise<TokenResponseDto> {
    return this.auth.login(body, address);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (the old one is used up)' })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiErrorResponses(400, 401)
  refresh(@Body() body: RefreshTokenDto): Promise<TokenResponseDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    summary: 'Log out: end the session of a refresh token',
    description: "That session's refresh and access tokens stop working at once.",
  })
  @ApiNoContentResponse({ description: 'The session has ended' })
  @ApiErrorResponses(400)
  logout(@CurrentUser() user: AuthUser, @Body() body: RefreshTokenDto): Promise<void> {
    return this.auth.logout(user.id, body.refreshToken);
  }

  @Post('logout-all')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    summary: 'Log out everywhere: end every session of the account, this one included',
    description: 'Every access and refresh token of the account stops working at once.',
  })
  @ApiNoContentResponse({ description: 'Every session of the account has ended' })
  logoutAll(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logoutAll(user.id);
  }
}
