import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MovieResponseDto } from '../../movies/dto/movie-response.dto';

export const STRATEGIES = ['collaborative', 'hybrid', 'content', 'popularity'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

export class ReasonResponseDto {
  @ApiProperty({ description: "One of the user's own rated or watched movies", example: 1 })
  movieId!: number;

  @ApiProperty({ example: 'Toy Story' })
  title!: string;

  @ApiProperty({ description: "This movie's share of the item's score (0..1)", example: 0.42 })
  weight!: number;
}

export class RecommendedItemResponseDto {
  @ApiProperty({ type: () => MovieResponseDto })
  movie!: MovieResponseDto;

  @ApiProperty({
    description: 'Relevance; higher is better, comparable within one list only',
    example: 0.83,
  })
  score!: number;

  @ApiPropertyOptional({ type: () => [ReasonResponseDto], description: 'With explain=true' })
  reasons?: ReasonResponseDto[];
}

export class RecommendationsResponseDto {
  @ApiProperty({
    description: 'The model version that scored the list; null when none is trained',
    nullable: true,
    type: Number,
    example: 3,
  })
  modelVersion!: number | null;

  @ApiProperty({ enum: STRATEGIES, description: 'Which path produced the list' })
  strategy!: StrategyName;

  @ApiProperty({ type: () => [RecommendedItemResponseDto] })
  items!: RecommendedItemResponseDto[];
}

export class SimilarItemResponseDto {
  @ApiProperty({ type: () => MovieResponseDto })
  movie!: MovieResponseDto;

  @ApiProperty({ example: 0.61 })
  score!: number;
}

export class SimilarMoviesResponseDto {
  @ApiProperty({ nullable: true, type: Number, example: 3 })
  modelVersion!: number | null;

  @ApiProperty({ enum: ['collaborative', 'content', 'popularity'] })
  strategy!: 'collaborative' | 'content' | 'popularity';

  @ApiProperty({ type: () => [SimilarItemResponseDto] })
  items!: SimilarItemResponseDto[];
}
