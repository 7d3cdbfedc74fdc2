import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { AttributedFeedbackDto } from '../../common/http/attributed-feedback.dto';

export class RecordWatchDto extends AttributedFeedbackDto {
  @ApiProperty({ example: 1, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  movieId!: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When it was watched (not in the future); default now',
    example: '2026-01-31T20:15:00.000Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  watchedAt?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    default: 1,
    description: 'Share watched, 0..1',
    example: 0.8,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  progress?: number;
}
