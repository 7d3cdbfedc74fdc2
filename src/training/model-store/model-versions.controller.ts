import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../auth/authenticated.decorator';
import { ApiErrorResponses } from '../../common/errors/api-error-responses.decorator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { PositiveIntPipe } from '../../common/pagination/positive-int.pipe';
import {
  ModelVersionPageResponseDto,
  ModelVersionResponseDto,
} from '../dto/model-version-response.dto';
import { ModelVersionsService } from './model-versions.service';

@ApiTags('recommendations')
@Controller('v1/recommendations/model/versions')
export class ModelVersionsController {
  constructor(private readonly versions: ModelVersionsService) {}

  @Get()
  @ApiOperation({
    summary: 'The model history, newest first: status, metrics, kept bytes, which one serves',
  })
  @ApiOkResponse({ type: ModelVersionPageResponseDto })
  @ApiErrorResponses(400)
  list(@Query() query: PageQueryDto): Promise<ModelVersionPageResponseDto> {
    return this.versions.list(query);
  }

  @Post(':version/serve')
  @HttpCode(200)
  @Authenticated('admin')
  @ApiOperation({
    summary: 'Serve an earlier ready version on every server (admin rollback)',
    description:
      'Every server swaps to it within a second (the model channel; the poll is the safety ' +
      'net). It serves until the next training that passes the quality gate, weighed against ' +
      'it, as every new good version does. Serving the version that serves already is a no-op.',
  })
  @ApiOkResponse({ type: ModelVersionResponseDto })
  @ApiErrorResponses(400, 404, 409)
  serve(@Param('version', PositiveIntPipe) version: number): Promise<ModelVersionResponseDto> {
    return this.versions.serve(version);
  }
}
