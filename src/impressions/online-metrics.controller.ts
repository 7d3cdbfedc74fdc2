import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Authenticated } from '../auth/authenticated.decorator';
import { Clock } from '../common/clock/clock';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ImpressionRecorder } from './impression-recorder';
import { ImpressionsRepository } from './impressions.repository';
import { daysBackSince } from './online-period';
import { toQueryNumber } from '../common/http/query-number';

export class OnlineMetricsQueryDto {
  @ApiPropertyOptional({ description: 'Days back from today (UTC), today included', default: 14 })
  @IsOptional()
  @Transform(toQueryNumber)
  @IsInt()
  @Min(1)
  @Max(366)
  days: number = 14;
}

export class OnlineMetricsDayDto {
  @ApiProperty({ example: '2026-11-29' })
  day!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null: popularity with no model' })
  modelVersion!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'null: outside experiments' })
  variant!: string | null;
  @ApiProperty({ description: 'Lists shown' })
  lists!: number;
  @ApiProperty({ description: 'Movies shown (a list of 10 is 10 impressions)' })
  impressions!: number;
  @ApiProperty({ description: 'Distinct signed-in users shown a list' })
  users!: number;
  @ApiProperty({ description: 'Shown movies then rated or watched (last-touch attribution)' })
  conversions!: number;
  @ApiProperty({ description: 'Conversions that were a rating of 4 or more' })
  positive!: number;
  @ApiProperty({ description: 'conversions / impressions' })
  clickThroughRate!: number;
  @ApiProperty({ description: 'positive / impressions' })
  positiveRate!: number;
}

export class OnlineMetricsResponseDto {
  @ApiProperty({ description: 'Hours after a list is shown in which feedback counts for it' })
  attributionWindowHours!: number;
  @ApiProperty({ type: [OnlineMetricsDayDto], description: 'Oldest day first' })
  days!: OnlineMetricsDayDto[];
}

@ApiTags('admin')
@Controller('v1/admin/online-metrics')
export class OnlineMetricsController {
  constructor(
    private readonly impressions: ImpressionsRepository,
    private readonly recorder: ImpressionRecorder,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Authenticated('admin')
  @ApiOperation({
    summary: 'What recommendations did for users: impressions, click-through, positive feedback',
    description:
      'Per day (UTC), model version and experiment variant. A rating or watch of a shown movie ' +
      'within ATTRIBUTION_WINDOW_HOURS (or passing back the list’s recommendationId) converts ' +
      'the latest list that showed it; a rating of 4 or more is a positive conversion.',
  })
  @ApiOkResponse({ type: OnlineMetricsResponseDto })
  @ApiErrorResponses(400, 401, 403)
  async get(@Query() query: OnlineMetricsQueryDto): Promise<OnlineMetricsResponseDto> {
    // What this process showed a moment ago counts too.
    await this.recorder.flush();
    const since = daysBackSince(this.clock.date(), query.days);
    const windowHours = this.config.impressions.attributionWindowHours;
    const rows = await this.impressions.onlineMetrics(since, windowHours);
    return {
      attributionWindowHours: windowHours,
      days: rows.map((row) => ({
        ...row,
        clickThroughRate: ratio(row.conversions, row.impressions),
        positiveRate: ratio(row.positive, row.impressions),
      })),
    };
  }
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1e6) / 1e6;
}
