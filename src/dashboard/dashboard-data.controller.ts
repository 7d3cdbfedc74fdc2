import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/authenticated.decorator';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { LimitQueryDto } from '../common/pagination/page-query.dto';
import { OnlineMetricsQueryDto } from '../impressions/online-metrics.controller';
import { CoverageResponseDto } from './dto/coverage-response.dto';
import { ModelHistoryResponseDto } from './dto/model-history-response.dto';
import { TrafficResponseDto } from './dto/traffic-response.dto';
import { DashboardService } from './dashboard.service';

/** The admin dashboard's data that no other route gives (the page also reads online metrics). */
@ApiTags('admin')
@Controller('v1/admin/dashboard')
@Authenticated('admin')
export class DashboardDataController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('model-history')
  @ApiOperation({
    summary: 'The newest model versions, oldest first: offline quality and training durations',
  })
  @ApiOkResponse({ type: ModelHistoryResponseDto })
  @ApiErrorResponses(400)
  modelHistory(@Query() query: LimitQueryDto): Promise<ModelHistoryResponseDto> {
    return this.dashboard.modelHistory(query.limit);
  }

  @Get('coverage')
  @ApiOperation({
    summary: 'How much of the catalog the serving model can recommend and lists have shown',
  })
  @ApiOkResponse({ type: CoverageResponseDto })
  @ApiErrorResponses(400)
  coverage(@Query() query: OnlineMetricsQueryDto): Promise<CoverageResponseDto> {
    return this.dashboard.coverage(query.days);
  }

  @Get('traffic')
  @ApiOperation({
    summary: "This server process's request rate and latency (p50, p99), one point per interval",
    description:
      'Each instance samples its own requests every TRAFFIC_SAMPLE_SECONDS and keeps the last ' +
      '360 points; behind a load balancer, this is the instance that answered.',
  })
  @ApiOkResponse({ type: TrafficResponseDto })
  traffic(): TrafficResponseDto {
    return this.dashboard.traffic();
  }
}
