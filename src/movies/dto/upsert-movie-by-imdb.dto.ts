import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CreateMovieDto } from './create-movie.dto';

/** A movie as an app's catalog sync sends it, keyed by the IMDb id in the path. */
export class UpsertMovieByImdbDto extends CreateMovieDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'The TMDB id; omit to keep the stored one. One held by another movie is 409',
    example: 862,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  tmdbId?: number | null;
}
