import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toQueryBoolean } from '../../common/http/query-boolean';

export class RetrainQueryDto {
  @ApiPropertyOptional({
    description: 'Swap the new version in even when the quality gate would hold it back',
    default: false,
  })
  @IsOptional()
  @Transform(toQueryBoolean)
  @IsBoolean()
  force: boolean = false;
}
