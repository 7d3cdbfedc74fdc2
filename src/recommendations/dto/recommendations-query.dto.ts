import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { toQueryBoolean } from '../../common/http/query-boolean';
import { MAX_PAGE_LIMIT } from '../../common/pagination/page-query.dto';
import { toQueryNumber } from '../../common/http/query-number';

/** `limit` of a recommendation list: 1..100, default 10, out of range is 400. */
export class SimilarQueryDto {
  @ApiPropertyOptional({
    description: 'How many items',
    default: 10,
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
    example: 10,
  })
  @IsOptional()
  @Transform(toQueryNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit: number = 10;
}

export class RecommendationsQueryDto extends SimilarQueryDto {
  @ApiPropertyOptional({
    description: 'Only movies of this genre (name, case-insensitive)',
    example: 'Horror',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  genre?: string;

  @ApiPropertyOptional({
    description: "Add `reasons`: the user's own movies that led to each item",
    default: false,
  })
  @IsOptional()
  @Transform(toQueryBoolean)
  @IsBoolean()
  explain: boolean = false;
}
