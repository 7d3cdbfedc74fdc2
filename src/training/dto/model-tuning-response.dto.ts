import { ApiProperty } from '@nestjs/swagger';

/** One side of the tuning comparison, on the validation split, at k = 10. */
export class TuningFiguresDto {
  @ApiProperty({
    description: 'nDCG@10 under the published protocol (every held-out rating relevant)',
    example: 0.2014,
  })
  ndcgAt10!: number;

  @ApiProperty({
    description: 'nDCG@10 under the liked-only protocol (held-out ratings of 4 or more relevant)',
    example: 0.181,
  })
  likedOnlyNdcgAt10!: number;

  @ApiProperty({ description: 'Share of the top 10 the user rated 2 or less', example: 0.0087 })
  dislikedAt10!: number;
}

export class TuningValidationDto {
  @ApiProperty({ description: 'Users the validation split measured', example: 670 })
  users!: number;

  @ApiProperty({
    description:
      'Of them, users whose training history was cut to their first 1 to 10 interactions, so ' +
      'that the split has thin histories to measure (every new user starts thin)',
    example: 134,
  })
  thinUsers!: number;

  @ApiProperty({ type: TuningFiguresDto, description: 'The configured defaults' })
  defaults!: TuningFiguresDto;

  @ApiProperty({ type: TuningFiguresDto, description: 'The chosen values' })
  chosen!: TuningFiguresDto;
}

/**
 * What self-tuning tried and chose at the training of this version (TUNING_BUDGET_SECONDS):
 * searched on a validation split of the evaluation's training part, never its test part.
 */
export class ModelTuningResponseDto {
  @ApiProperty({ description: 'Seconds the search was allowed', example: 120 })
  budgetSeconds!: number;

  @ApiProperty({ description: 'Configurations measured, the defaults included', example: 24 })
  trials!: number;

  @ApiProperty({ description: 'How long the search took', example: 54285 })
  searchMs!: number;

  @ApiProperty({
    enum: ['converged', 'budget', 'rounds'],
    description:
      'converged: a pass over every parameter changed nothing; budget: the time ran out; ' +
      'rounds: the passes allowed were done',
  })
  stoppedBy!: 'converged' | 'budget' | 'rounds';

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description:
      'The value of every searched parameter, named by its path in `params` ' +
      '(easeLambdaScale, or easeLambda when a fixed one is configured, easeMaxItems, itemKnn.neighbours, itemKnn.shrinkage, itemKnn.alpha, ' +
      'itemKnn.sharpen, scoring.dislikeWeight, scoring.thinHistory; which ones depends on the ' +
      'algorithm)',
    example: { 'scoring.dislikeWeight': 0.5, easeLambdaScale: 8, 'itemKnn.neighbours': 400 },
  })
  chosen!: Record<string, number>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description:
      'Only the parameters whose chosen value differs from the default; {}: defaults kept',
    example: { 'itemKnn.neighbours': 400 },
  })
  changed!: Record<string, number>;

  @ApiProperty({ type: TuningValidationDto })
  validation!: TuningValidationDto;
}
