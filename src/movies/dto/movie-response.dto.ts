import { ApiProperty } from '@nestjs/swagger';
import { PageResponseDto } from '../../common/pagination/page-response.dto';

/** The contract's `Movie`. */
export class MovieResponseDto {
  @ApiProperty({ example: 1 })
  id!: number;

  @ApiProperty({ example: 'Toy Story' })
  title!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'A cowboy doll is threatened by a new toy.',
  })
  overview!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 1995 })
  releaseYear!: number | null;

  @ApiProperty({ type: [String], example: ['Animation', 'Comedy'] })
  genres!: string[];

  @ApiProperty({
    description: 'Recency-weighted interaction count, from the last training',
    example: 215.5,
  })
  popularity!: number;

  @ApiProperty({ example: 215 })
  ratingCount!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean rating, 0.5..5.0; null when unrated',
    example: 3.92,
  })
  ratingMean!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'IMDb id (`tt` and 7 or more digits); null when unknown',
    example: 'tt0114709',
  })
  imdbId!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The Movie Database (TMDB) id; null when unknown',
    example: 862,
  })
  tmdbId!: number | null;
}

export class MoviePageResponseDto extends PageResponseDto {
  @ApiProperty({ type: [MovieResponseDto] })
  items!: MovieResponseDto[];
}

export class MovieListResponseDto {
  @ApiProperty({ type: [MovieResponseDto] })
  items!: MovieResponseDto[];
}

export class GenreResponseDto {
  @ApiProperty({ example: 3 })
  id!: number;

  @ApiProperty({ example: 'Comedy' })
  name!: string;

  @ApiProperty({ description: 'Movies in this genre', example: 1200 })
  movieCount!: number;
}
