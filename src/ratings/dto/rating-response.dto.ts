import { ApiProperty } from '@nestjs/swagger';
import { PageResponseDto } from '../../common/pagination/page-response.dto';
import { MovieResponseDto } from '../../movies/dto/movie-response.dto';

export class RatingResponseDto {
  @ApiProperty({ example: 1 })
  movieId!: number;

  @ApiProperty({ example: 4.5 })
  rating!: number;

  @ApiProperty({ format: 'date-time', example: '2026-01-31T12:00:00.000Z' })
  ratedAt!: string;
}

export class RatedMovieResponseDto {
  @ApiProperty({ type: MovieResponseDto })
  movie!: MovieResponseDto;

  @ApiProperty({ example: 4.5 })
  rating!: number;

  @ApiProperty({ format: 'date-time', example: '2026-01-31T12:00:00.000Z' })
  ratedAt!: string;
}

export class RatingPageResponseDto extends PageResponseDto {
  @ApiProperty({ type: [RatedMovieResponseDto], description: 'Newest first' })
  items!: RatedMovieResponseDto[];
}
