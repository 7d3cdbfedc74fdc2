import { ApiProperty } from '@nestjs/swagger';
import { MovieResponseDto } from '../../movies/dto/movie-response.dto';

export class WatchEventResponseDto {
  @ApiProperty({ example: 10 })
  id!: number;

  @ApiProperty({ example: 1 })
  movieId!: number;

  @ApiProperty({ format: 'date-time', example: '2026-01-31T20:15:00.000Z' })
  watchedAt!: string;

  @ApiProperty({ example: 0.8, description: 'Share watched, 0..1' })
  progress!: number;
}

export class HistoryItemResponseDto {
  @ApiProperty({ example: 10 })
  id!: number;

  @ApiProperty({ type: MovieResponseDto })
  movie!: MovieResponseDto;

  @ApiProperty({ format: 'date-time', example: '2026-01-31T20:15:00.000Z' })
  watchedAt!: string;

  @ApiProperty({ example: 0.8 })
  progress!: number;
}

export class HistoryPageResponseDto {
  @ApiProperty({ type: [HistoryItemResponseDto], description: 'Newest first' })
  items!: HistoryItemResponseDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `before` for the next page; null on the last page',
    example: 'MjAyNi0wMS0zMVQxMjowMDowMC4xMjM0NTZafDQy',
  })
  nextCursor!: string | null;
}
