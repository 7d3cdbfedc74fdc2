import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_PAGE_LIMIT } from '../../common/pagination/page-query.dto';
import { RATING_VALUES } from '../../ratings/dto/upsert-rating.dto';

/** Picks a visitor may send at most: a session's worth, not a user's history. */
export const MAX_SESSION_ITEMS = 200;

export class SessionItemDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  movieId!: number;

  @ApiPropertyOptional({
    enum: RATING_VALUES,
    description: 'The visitor’s rating, 0.5 to 5.0 in steps of 0.5; without one the pick is a like',
    example: 4.5,
  })
  @IsOptional()
  @IsIn(RATING_VALUES, { message: 'rating must be 0.5 to 5.0 in steps of 0.5' })
  rating?: number;
}

/** POST /v1/recommendations/session: recommendations from a visitor's picks, with no account. */
export class SessionRecommendationsDto {
  @ApiProperty({ type: [SessionItemDto], maxItems: MAX_SESSION_ITEMS })
  @IsArray()
  @ArrayMaxSize(MAX_SESSION_ITEMS)
  // Two picks of one movie (perhaps with two ratings) have no one meaning: say so, not guess.
  // A malformed item gets a key of its own: its own check reports it.
  @ArrayUnique(
    (item: Partial<SessionItemDto> | null) =>
      typeof item?.movieId === 'number' ? item.movieId : Symbol('malformed'),
    { message: 'items must name each movie once' },
  )
  @ValidateNested({ each: true })
  @Type(() => SessionItemDto)
  items!: SessionItemDto[];

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: MAX_PAGE_LIMIT })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit: number = 10;

  @ApiPropertyOptional({ description: 'Only movies of this genre (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  genre?: string;

  @ApiPropertyOptional({ description: 'Add `reasons`: the picks behind each item', default: false })
  @IsOptional()
  @IsBoolean()
  explain: boolean = false;
}
