import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/authenticated.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { RetrainQueryDto } from './dto/retrain-query.dto';
import { RetrainResponseDto } from './dto/retrain-response.dto';
import { TrainingService } from './training.service';

@ApiTags('recommendations')
@Controller('v1/recommendations/model')
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Post('retrain')
  @HttpCode(202)
  @Authenticated('admin')
  @ApiOperation({
    summary:
      'Start a training now (admin); every server swaps to the new version when it passes the gate',
  })
  @ApiAcceptedResponse({ type: RetrainResponseDto })
  @ApiErrorResponses(409)
  async retrain(@Query() query: RetrainQueryDto): Promise<RetrainResponseDto> {
    const { version } = await this.training.start({ force: query.force, trigger: 'api' });
    return { status: 'started', version, force: query.force };
  }
}
