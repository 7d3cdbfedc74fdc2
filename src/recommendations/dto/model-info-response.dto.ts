import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ModelTuningResponseDto } from '../../training/dto/model-tuning-response.dto';

export class ModelCountsDto {
  @ApiProperty({ example: 671 }) users!: number;
  @ApiProperty({ example: 9125 }) items!: number;
  @ApiProperty({ example: 100004 }) ratings!: number;
}

export class ModelMetricsDto {
  @ApiProperty({ example: 0.31 }) precisionAt10!: number;
  @ApiProperty({ example: 0.2 }) recallAt10!: number;
  @ApiProperty({ example: 0.37 }) ndcgAt10!: number;
  @ApiProperty({ example: 0.15 }) mapAt10!: number;
  @ApiProperty({ description: 'Distinct movies shown / movies in the data set', example: 0.12 })
  coverage!: number;
  @ApiProperty({ description: 'Users evaluated', example: 610 }) users!: number;
  @ApiPropertyOptional({
    description: 'The popularity baseline under the same protocol',
    type: Object,
  })
  popularity?: Record<string, number>;
  @ApiPropertyOptional({
    description:
      'The same lists under the liked-only protocol: held-out ratings of 4 or more relevant, ' +
      'dislikedAt10 = the share of the top 10 the user rated 2 or less; { model, popularity }',
    type: Object,
  })
  likedOnly?: {
    model: Record<string, number>;
    popularity: Record<string, number>;
  };
  @ApiPropertyOptional({
    description: 'Interactions the evaluation ran on (a sample of whole users when large)',
  })
  evaluatedInteractions?: number;
}

export class ModelInfoResponseDto {
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Serving version; null when popularity serves',
    example: 3,
  })
  version!: number | null;

  @ApiProperty({ nullable: true, type: String, example: '2026-11-25T03:00:00.000Z' })
  trainedAt!: string | null;

  @ApiProperty({
    enum: ['serving', 'popularity-fallback'],
    description: 'serving: a trained version answers; popularity-fallback: none yet',
  })
  status!: 'serving' | 'popularity-fallback';

  @ApiProperty({
    nullable: true,
    type: String,
    enum: ['item-knn', 'ease'],
    description: 'The item-item model, chosen by catalog size',
  })
  algorithm!: string | null;

  @ApiProperty({ type: ModelCountsDto })
  counts!: ModelCountsDto;

  @ApiProperty({
    type: Object,
    description:
      'Every parameter that shaped the model, the tuned ones at their chosen values ' +
      '(params.tuning holds the same as `tuning`)',
  })
  params!: Record<string, unknown>;

  @ApiProperty({
    type: ModelTuningResponseDto,
    nullable: true,
    description:
      'What self-tuning (TUNING_BUDGET_SECONDS) tried and chose at this training, with the ' +
      'validation figures of the defaults and of the chosen values; null when it was off',
  })
  tuning!: ModelTuningResponseDto | null;

  @ApiProperty({ type: ModelMetricsDto, nullable: true })
  metrics!: ModelMetricsDto | null;

  @ApiProperty({ nullable: true, type: Number, example: 4200 })
  trainingMs!: number | null;

  @ApiProperty({ description: 'Trained on the bundled demo catalog, not real users' })
  isDemo!: boolean;

  @ApiProperty({
    description: 'The newest training: its version, status and quality-gate decision',
    type: Object,
    nullable: true,
  })
  lastTraining!: {
    version: number;
    status: string;
    passedGate: boolean | null;
    error: string | null;
    createdAt: string;
  } | null;

  @ApiProperty({ description: 'A training is running somewhere in the cluster' })
  training!: boolean;
}
