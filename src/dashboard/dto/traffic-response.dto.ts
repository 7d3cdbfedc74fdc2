import { ApiProperty } from '@nestjs/swagger';

export class TrafficPointDto {
  @ApiProperty({ description: 'End of the interval (ISO 8601, UTC)' })
  at!: string;

  @ApiProperty({ description: 'Requests answered in the interval' })
  requests!: number;

  @ApiProperty()
  requestsPerSecond!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median latency (ms), estimated from the histogram buckets; null: no request',
  })
  p50Ms!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '99th percentile latency (ms)' })
  p99Ms!: number | null;

  @ApiProperty({ description: 'Requests answered with a 5xx status' })
  serverErrors!: number;
}

/** This server process's request rate and latency, one point per interval. */
export class TrafficResponseDto {
  @ApiProperty({ description: 'Seconds per point (TRAFFIC_SAMPLE_SECONDS)', example: 10 })
  intervalSeconds!: number;

  @ApiProperty({ description: 'Points kept: the oldest goes when a new one comes', example: 360 })
  capacity!: number;

  @ApiProperty({ type: [TrafficPointDto], description: 'Oldest first' })
  points!: TrafficPointDto[];
}
