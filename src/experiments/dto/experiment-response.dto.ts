import { ApiProperty } from '@nestjs/swagger';

export class ExperimentVariantResponseDto {
  @ApiProperty({ example: 'control' })
  name!: string;

  @ApiProperty({ example: 3 })
  modelVersion!: number;

  @ApiProperty({ description: 'Fraction of signed-in users it serves', example: 0.5 })
  share!: number;
}

export class RateIntervalResponseDto {
  @ApiProperty({ description: 'successes / impressions (0 with no impressions)', example: 0.12 })
  rate!: number;

  @ApiProperty({ description: 'Lower bound of the 95% Wilson interval', example: 0.1013 })
  low!: number;

  @ApiProperty({ description: 'Upper bound of the 95% Wilson interval', example: 0.1416 })
  high!: number;
}

export class VersusControlResponseDto {
  @ApiProperty({ enum: ['clickThrough'], description: 'The rate compared' })
  metric!: 'clickThrough';

  @ApiProperty({
    type: Number,
    nullable: true,
    description: "This variant's rate minus the control's; null while either has no impressions",
    example: 0.03,
  })
  difference!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '95% interval of the difference' })
  low!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '95% interval of the difference' })
  high!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Two-sided p-value of the pooled two-proportion z-test',
    example: 0.0496,
  })
  pValue!: number | null;

  @ApiProperty({
    description:
      'Impressions each variant needs in all to detect neededForDifference at alpha 0.05 with ' +
      'power 0.8',
    example: 2036,
  })
  neededPerVariant!: number;

  @ApiProperty({
    description:
      'The difference neededPerVariant is for: the observed one, or 0.01 (one percentage ' +
      'point) when none is observed yet',
    example: 0.03,
  })
  neededForDifference!: number;

  @ApiProperty({
    description: 'What the smaller of the two (control, this variant) still lacks; 0: enough',
    example: 1036,
  })
  remainingPerVariant!: number;
}

export class VariantResultResponseDto {
  @ApiProperty({ example: 'control' })
  name!: string;

  @ApiProperty({ example: 3 })
  modelVersion!: number;

  @ApiProperty({ description: 'Lists it served' })
  lists!: number;

  @ApiProperty({ description: 'Distinct users it served' })
  users!: number;

  @ApiProperty({ description: 'Movies shown (a list of 10 is 10 impressions)' })
  impressions!: number;

  @ApiProperty({ description: 'Shown movies then rated or watched (last-touch attribution)' })
  conversions!: number;

  @ApiProperty({ description: 'Conversions that were a rating of 4 or more' })
  positives!: number;

  @ApiProperty({ type: RateIntervalResponseDto, description: 'conversions / impressions' })
  clickThrough!: RateIntervalResponseDto;

  @ApiProperty({ type: RateIntervalResponseDto, description: 'positives / impressions' })
  positiveRate!: RateIntervalResponseDto;

  @ApiProperty({
    type: VersusControlResponseDto,
    nullable: true,
    description: 'Null for the control (the first variant)',
  })
  versusControl!: VersusControlResponseDto | null;
}

export class ExperimentResultsResponseDto {
  @ApiProperty({ description: 'How the intervals, the test and the sample size are computed' })
  method!: string;

  @ApiProperty({ example: 0.95 })
  confidence!: number;

  @ApiProperty({ description: 'Hours after a list is shown in which feedback counts for it' })
  attributionWindowHours!: number;

  @ApiProperty({ type: [VariantResultResponseDto], description: 'In the order of variants' })
  variants!: VariantResultResponseDto[];
}

export class ExperimentResponseDto {
  @ApiProperty({ example: 1 })
  id!: number;

  @ApiProperty({ example: 'EASE vs item-kNN' })
  name!: string;

  @ApiProperty({ enum: ['running', 'stopped'] })
  status!: 'running' | 'stopped';

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  stoppedAt!: string | null;

  @ApiProperty({ type: [ExperimentVariantResponseDto], description: 'The first is the control' })
  variants!: ExperimentVariantResponseDto[];

  @ApiProperty({ type: ExperimentResultsResponseDto })
  results!: ExperimentResultsResponseDto;
}

export class ExperimentListResponseDto {
  @ApiProperty({ type: [ExperimentResponseDto], description: 'Newest first, at most 20' })
  items!: ExperimentResponseDto[];
}
