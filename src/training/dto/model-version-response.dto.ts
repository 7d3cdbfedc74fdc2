import { ApiProperty } from '@nestjs/swagger';
import { PageResponseDto } from '../../common/pagination/page-response.dto';
import { ModelTuningResponseDto } from './model-tuning-response.dto';

/** The offline figures of a trained version, at k = 10 (see ModelInfo for the full set). */
export class ModelVersionMetricsDto {
  @ApiProperty({ example: 0.21 })
  ndcgAt10!: number;

  @ApiProperty({ example: 0.12 })
  precisionAt10!: number;

  @ApiProperty({ example: 0.18 })
  recallAt10!: number;

  @ApiProperty({ description: 'Popularity baseline nDCG@10 on the same split', example: 0.15 })
  popularityNdcgAt10!: number;

  @ApiProperty({ description: 'Whether the quality gate let the version serve', example: true })
  passedGate!: boolean;
}

/** One row of the model history. */
export class ModelVersionResponseDto {
  @ApiProperty({ example: 7 })
  version!: number;

  @ApiProperty({ enum: ['training', 'ready', 'rejected', 'failed'], example: 'ready' })
  status!: 'training' | 'ready' | 'rejected' | 'failed';

  @ApiProperty({ description: 'When the training started (ISO 8601, UTC)' })
  createdAt!: string;

  @ApiProperty({ description: 'When the model was trained; null until it was', nullable: true })
  trainedAt!: string | null;

  @ApiProperty({ nullable: true, example: 'item-knn' })
  algorithm!: string | null;

  @ApiProperty({ type: ModelVersionMetricsDto, nullable: true })
  metrics!: ModelVersionMetricsDto | null;

  @ApiProperty({ description: 'Why a failed training failed', nullable: true })
  error!: string | null;

  @ApiProperty({ description: 'Size of the artifact; null when none was stored', nullable: true })
  artifactBytes!: number | null;

  /** False once retention deleted the bytes, or when none were stored: it can no longer serve. */
  @ApiProperty({ description: 'Whether the artifact bytes are still stored', example: true })
  hasArtifact!: boolean;

  @ApiProperty({
    description: 'Whether every server is to serve this version (the last one promoted)',
    example: true,
  })
  isServing!: boolean;

  @ApiProperty({ description: 'Trained on the bundled demo catalog', example: false })
  isDemo!: boolean;

  @ApiProperty({
    type: ModelTuningResponseDto,
    nullable: true,
    description: 'What self-tuning chose at this training; null when it was off',
  })
  tuning!: ModelTuningResponseDto | null;
}

export class ModelVersionPageResponseDto extends PageResponseDto {
  @ApiProperty({ type: [ModelVersionResponseDto] })
  items!: ModelVersionResponseDto[];
}
