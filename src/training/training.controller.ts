import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/authenticated.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { RetrainQueryDto } from './dto/retrain-query.dto';
import { RetrainResponseDto } from './dto/retrain-response.dto';
import { besideConfiguration } from './beside-configuration';
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
    description:
      'With beside=true (and optionally algorithm, easeLambda or easeLambdaScale, ' +
      'easeDenseScoring), a training configuration is ' +
      'trained and stored beside the serving model instead, never swapped in: use its version ' +
      'as a variant of an A/B experiment (POST /v1/admin/experiments).',
  })
  @ApiAcceptedResponse({ type: RetrainResponseDto })
  @ApiErrorResponses(400, 409)
  async retrain(@Query() query: RetrainQueryDto): Promise<RetrainResponseDto> {
    const beside = besideConfiguration(query);
    const { version } = await this.training.start({ force: query.force, trigger: 'api', beside });
    return { status: 'started', version, force: query.force, beside: beside !== undefined };
  }
}
