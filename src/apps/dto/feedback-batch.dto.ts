import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Most events in one batch. */
export const MAX_BATCH_EVENTS = 1000;

/** One event, as Swagger shows it; each is checked on its own (parseFeedbackEvent). */
export class FeedbackEventDto {
  @ApiProperty({ description: "The app's own user id", example: 'user-42' })
  userId!: string;

  @ApiPropertyOptional({ description: 'Our movie id (or imdbId, or tmdbId)', example: 1 })
  movieId?: number;

  @ApiPropertyOptional({ description: 'IMDb id (or movieId, or tmdbId)', example: 'tt0114709' })
  imdbId?: string;

  @ApiPropertyOptional({ description: 'TMDB id (or movieId, or imdbId)', example: 862 })
  tmdbId?: number;

  @ApiPropertyOptional({
    description: 'A rating, 0.5..5.0 in half steps (or progress, or dismissed)',
    example: 4.5,
  })
  rating?: number;

  @ApiPropertyOptional({
    description: 'A watch: the share watched, 0..1 (or rating, or dismissed)',
    example: 1,
  })
  progress?: number;

  @ApiPropertyOptional({
    description: 'Not interested: true (or rating, or progress)',
    example: true,
  })
  dismissed?: boolean;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When it happened (not in the future); default: when stored. Send it to make retries ' +
      'exact: a watch is the same watch when user, movie and `at` match',
    example: '2026-01-31T20:15:00.000Z',
  })
  at?: string;
}

/** The batch as Swagger shows it; FeedbackBatchPipe checks it. */
export class FeedbackBatchDto {
  @ApiProperty({
    type: [FeedbackEventDto],
    minItems: 1,
    maxItems: MAX_BATCH_EVENTS,
    description: 'Up to 1,000 events; a bad one is reported by index and the rest are stored',
  })
  events!: unknown[];
}

export class FeedbackEventErrorDto {
  @ApiProperty({ description: 'The index of the event in `events`', example: 3 })
  index!: number;

  @ApiProperty({ example: 'rating must be 0.5 to 5.0 in steps of 0.5' })
  message!: string;
}

export class FeedbackBatchResponseDto {
  @ApiProperty({ description: 'Events received', example: 1000 })
  received!: number;

  @ApiProperty({
    description: 'Events stored (or already stored: the same event is stored once)',
    example: 999,
  })
  accepted!: number;

  @ApiProperty({ type: [FeedbackEventErrorDto], description: 'The refused events, by index' })
  errors!: FeedbackEventErrorDto[];
}
