import { ApiProperty } from '@nestjs/swagger';
import { PageResponseDto } from '../../common/pagination/page-response.dto';
import { MovieResponseDto } from '../../movies/dto/movie-response.dto';

export class DismissalResponseDto {
  @ApiProperty({ example: 1 })
  movieId!: number;

  @ApiProperty({
    format: 'date-time',
    description: 'When the movie was first dismissed (a repeated PUT keeps it)',
    example: '2026-01-31T12:00:00.000Z',
  })
  dismissedAt!: string;
}

export class DismissedMovieResponseDto {
  @ApiProperty({ type: MovieResponseDto })
  movie!: MovieResponseDto;

  @ApiProperty({ format: 'date-time', example: '2026-01-31T12:00:00.000Z' })
  dismissedAt!: string;
}

export class DismissalPageResponseDto extends PageResponseDto {
  @ApiProperty({ type: [DismissedMovieResponseDto], description: 'Newest first' })
  items!: DismissedMovieResponseDto[];
}
