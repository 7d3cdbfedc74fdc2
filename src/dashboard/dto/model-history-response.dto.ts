import { ApiProperty } from '@nestjs/swagger';
import { ModelVersionResponseDto } from '../../training/dto/model-version-response.dto';

/** Where a training's wall time went, in milliseconds. */
export class TrainingDurationsDto {
  @ApiProperty({ description: 'Reading ratings, history and catalog from the database' })
  loadMs!: number;

  @ApiProperty({ description: 'The offline evaluation (train on 75%, score the rest)' })
  evaluationMs!: number;

  @ApiProperty({ description: 'Training the serving model on everything' })
  trainingMs!: number;

  @ApiProperty({ description: 'Encoding the artifact' })
  encodeMs!: number;

  @ApiProperty({ description: 'Start to stored, storing included' })
  totalMs!: number;
}

/** One version of the model history, as the dashboard draws it: the history's row and timings. */
export class ModelHistoryItemDto extends ModelVersionResponseDto {
  @ApiProperty({ type: TrainingDurationsDto, nullable: true, description: 'null until trained' })
  durations!: TrainingDurationsDto | null;
}

export class ModelHistoryResponseDto {
  @ApiProperty({ type: [ModelHistoryItemDto], description: 'Oldest first' })
  items!: ModelHistoryItemDto[];
}
