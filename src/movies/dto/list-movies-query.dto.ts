import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { toQueryNumber } from '../../common/http/query-number';

export const MOVIE_SORTS = ['popularity', 'title', 'year', 'rating'] as const;
export type MovieSortOption = (typeof MOVIE_SORTS)[number];

export class ListMoviesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Title search, typo- and case-tolerant; without `sort`, ranked by relevance',
    example: 'shawshank',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ description: 'Genre name (case-insensitive)', example: 'Comedy' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  genre?: string;

  @ApiPropertyOptional({ minimum: 1870, maximum: 2200, example: 1990 })
  @IsOptional()
  @Transform(toQueryNumber)
  @IsInt()
  @Min(1870)
  @Max(2200)
  yearFrom?: number;

  @ApiPropertyOptional({ minimum: 1870, maximum: 2200, example: 1999 })
  @IsOptional()
  @Transform(toQueryNumber)
  @IsInt()
  @Min(1870)
  @Max(2200)
  yearTo?: number;

  @ApiPropertyOptional({
    enum: MOVIE_SORTS,
    description: 'Default `popularity` (relevance, then popularity, when `q` is given)',
    example: 'popularity',
  })
  @IsOptional()
  @IsIn(MOVIE_SORTS)
  sort?: MovieSortOption;
}
