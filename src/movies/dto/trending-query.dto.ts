import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { LimitQueryDto } from '../../common/pagination/page-query.dto';

export class TrendingQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'Genre name (case-insensitive)', example: 'Drama' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  genre?: string;
}
