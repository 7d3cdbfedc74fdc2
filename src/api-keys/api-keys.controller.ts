import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { PositiveIntPipe } from '../common/pagination/positive-int.pipe';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyPageResponseDto, CreatedApiKeyResponseDto } from './dto/api-key-response.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('api keys')
@Authenticated('admin')
@Controller('v1/admin/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a service key (admin); the key is in this response only',
    description: 'Other backends send it as `X-API-Key`. Only its hash is stored.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto })
  @ApiErrorResponses(400)
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyResponseDto> {
    return this.keys.create(body, user.id);
  }

  @Get()
  @ApiOperation({ summary: 'Service keys, newest first, revoked ones included (admin)' })
  @ApiOkResponse({ type: ApiKeyPageResponseDto })
  @ApiErrorResponses(400)
  list(@Query() query: PageQueryDto): Promise<ApiKeyPageResponseDto> {
    return this.keys.list(query);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke a service key (admin): it stops at once, on every instance',
    description: 'Revoking a revoked key changes nothing and is also 204.',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrorResponses(400, 404)
  revoke(@Param('id', PositiveIntPipe) id: number): Promise<void> {
    return this.keys.revoke(id);
  }
}
