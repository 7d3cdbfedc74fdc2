import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MovieResponseDto } from '../../movies/dto/movie-response.dto';

export const STRATEGIES = ['collaborative', 'hybrid', 'content', 'popularity'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

/** `variant` of every list, recommendations and similar movies alike. */
const VARIANT_PROPERTY = {
  type: String,
  nullable: true,
  description:
    'The A/B experiment variant that served this list (a signed-in user keeps one variant for ' +
    'the whole experiment); null outside experiments, and for visitors and anonymous lists, ' +
    'which the serving model serves',
  example: null,
};

export class ReasonResponseDto {
  @ApiProperty({
    description:
      "One of the user's own liked movies (rated 3.5 or more, or watched past two thirds); " +
      'a movie the user rated lower or dismissed is never a reason',
    example: 1,
  })
  movieId!: number;

  @ApiProperty({ example: 'Toy Story' })
  title!: string;

  @ApiProperty({
    description: "This movie's share of what the user's liked movies gave the item (0..1)",
    example: 0.42,
  })
  weight!: number;
}

export class RecommendedItemResponseDto {
  @ApiProperty({ type: () => MovieResponseDto })
  movie!: MovieResponseDto;

  @ApiProperty({
    description:
      'Relevance from 0 to 1, the same scale for every strategy: the evidence for this movie ' +
      'as a share of the best candidate for this request (1 = the strongest; a genre filter ' +
      'changes no score). 0: listed without evidence for it (filled in by popularity, or ' +
      'pushed down by your low ratings and dismissals)',
    minimum: 0,
    maximum: 1,
    example: 0.83,
  })
  score!: number;

  @ApiPropertyOptional({
    type: () => [ReasonResponseDto],
    description: 'With explain=true: the liked movies that led to it, the largest share first',
  })
  reasons?: ReasonResponseDto[];
}

export class RecommendationsResponseDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'Names this list: pass it back on a rating or watch of one of its movies to attribute it',
  })
  recommendationId!: string;

  @ApiProperty({
    description: 'The model version that scored the list; null when none is trained',
    nullable: true,
    type: Number,
    example: 3,
  })
  modelVersion!: number | null;

  @ApiProperty({ enum: STRATEGIES, description: 'Which path produced the list' })
  strategy!: StrategyName;

  @ApiProperty(VARIANT_PROPERTY)
  variant!: string | null;

  @ApiProperty({ type: () => [RecommendedItemResponseDto] })
  items!: RecommendedItemResponseDto[];
}

export class SimilarItemResponseDto {
  @ApiProperty({ type: () => MovieResponseDto })
  movie!: MovieResponseDto;

  @ApiProperty({
    description:
      "Similarity from 0 to 1: a share of the movie's closest neighbour's (1 = the closest). " +
      'A movie with no genre or tag is like nothing (an empty list)',
    minimum: 0,
    maximum: 1,
    example: 0.61,
  })
  score!: number;
}

export class SimilarMoviesResponseDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'Names this list: pass it back on a rating or watch of one of its movies to attribute it',
  })
  recommendationId!: string;

  @ApiProperty({ nullable: true, type: Number, example: 3 })
  modelVersion!: number | null;

  @ApiProperty({ enum: ['collaborative', 'content', 'popularity'] })
  strategy!: 'collaborative' | 'content' | 'popularity';

  @ApiProperty(VARIANT_PROPERTY)
  variant!: string | null;

  @ApiProperty({ type: () => [SimilarItemResponseDto] })
  items!: SimilarItemResponseDto[];
}
