import { ApiProperty } from '@nestjs/swagger';

/** The serving version's offline top-10 coverage, beside popularity's. */
export class OfflineCoverageDto {
  @ApiProperty({ description: 'Share (0..1) of the evaluated movies in some user’s top 10' })
  model!: number;

  @ApiProperty({ description: 'The same share for the popularity baseline' })
  popularity!: number;
}

/**
 * How much of the catalog recommendations reach. Divide each count by `catalogMovies` for the
 * share of the catalog.
 */
export class CoverageResponseDto {
  @ApiProperty({ description: 'Days back from today (UTC), today included, for shownMovies' })
  days!: number;

  @ApiProperty({ description: 'Movies in the catalog now' })
  catalogMovies!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The serving model; null: none' })
  modelVersion!: number | null;

  @ApiProperty({ description: 'Movies the serving model knows (the catalog when it trained)' })
  modelMovies!: number;

  @ApiProperty({
    description:
      'Movies a like can lead to: a positive weight in some movie’s neighbour list. The others ' +
      'come only from content similarity or popularity',
  })
  reachableMovies!: number;

  @ApiProperty({ description: 'Distinct movies in the lists shown over the period' })
  shownMovies!: number;

  @ApiProperty({ type: OfflineCoverageDto, nullable: true })
  offline!: OfflineCoverageDto | null;
}
