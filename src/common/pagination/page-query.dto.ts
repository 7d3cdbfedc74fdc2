import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { toQueryNumber } from '../http/query-number';

export const MAX_PAGE_LIMIT = 100;

/**
 * The last page anyone may ask for. No list comes near it (a million pages of 100 is 10^8
 * items), and with it the row offset stays far inside PostgreSQL's bigint and JavaScript's safe
 * integers: `page=1e20` is a 400, not a database error.
 */
export const MAX_PAGE = 1_000_000;

/** `limit` 1..100 (default 20), for every list. Out of range is rejected with 400, never clamped. */
export class LimitQueryDto {
  @ApiPropertyOptional({
    description: 'Items per page',
    default: 20,
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
    example: 20,
  })
  @IsOptional()
  @Transform(toQueryNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit: number = 20;
}

/**
 * `page` 1..1,000,000 and `limit` 1..100. Out-of-range values are rejected with 400, never
 * clamped.
 */
export class PageQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({
    description: 'Page number, from 1',
    default: 1,
    minimum: 1,
    maximum: MAX_PAGE,
    example: 1,
  })
  @IsOptional()
  @Transform(toQueryNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;
}
