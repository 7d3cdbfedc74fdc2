import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { toQueryBoolean } from '../../common/http/query-boolean';
import { toQueryNumber } from '../../common/http/query-number';

export const BESIDE_ALGORITHMS = ['auto', 'ease', 'item-knn'] as const;

export class RetrainQueryDto {
  @ApiPropertyOptional({
    description: 'Swap the new version in even when the quality gate would hold it back',
    default: false,
  })
  @IsOptional()
  @Transform(toQueryBoolean)
  @IsBoolean()
  force: boolean = false;

  @ApiPropertyOptional({
    description:
      'Store the new version beside the serving one, never swapped in: a candidate for an A/B ' +
      'experiment (POST /v1/admin/experiments). It is `ready` whatever the quality gate says, ' +
      'and kept while an experiment runs it (retention may delete it otherwise)',
    default: false,
  })
  @IsOptional()
  @Transform(toQueryBoolean)
  @IsBoolean()
  beside: boolean = false;

  @ApiPropertyOptional({
    enum: BESIDE_ALGORITHMS,
    description: 'With beside=true: the algorithm to train (auto: as the serving training does)',
  })
  @IsOptional()
  @IsIn(BESIDE_ALGORITHMS)
  algorithm?: (typeof BESIDE_ALGORITHMS)[number];

  @ApiPropertyOptional({
    description:
      "With beside=true: EASE's L2 penalty, fixed (the serving training sizes it from the data, " +
      'see easeLambdaScale; params.easeLambda of the serving model is the λ it used)',
    minimum: 1,
    maximum: 10000000,
    example: 500,
  })
  @IsOptional()
  @Transform(toQueryNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(10000000)
  easeLambda?: number;

  @ApiPropertyOptional({
    description:
      "With beside=true: EASE's λ as a multiple of the mean interaction count of the movies in " +
      'its solve (the serving training uses 8); not with easeLambda',
    minimum: 0.1,
    maximum: 1000,
    example: 6,
  })
  @IsOptional()
  @Transform(toQueryNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(1000)
  easeLambdaScale?: number;

  @ApiPropertyOptional({
    description:
      'With beside=true: whether EASE scores with every weight of its solve, signed (the ' +
      'serving training follows EASE_DENSE_SCORING, true by default)',
  })
  @IsOptional()
  @Transform(toQueryBoolean)
  @IsBoolean()
  easeDenseScoring?: boolean;
}
