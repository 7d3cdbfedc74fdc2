import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_VARIANTS } from '../variant-assignment';

export class CreateExperimentVariantDto {
  @ApiProperty({
    description: 'Unique in the experiment: 1 to 40 letters, digits, . _ or -',
    example: 'control',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, {
    message: 'variant name must be 1 to 40 letters, digits, . _ or -',
  })
  name!: string;

  @ApiProperty({
    description:
      'A ready model version that still has its bytes (GET /v1/recommendations/model/versions)',
    example: 3,
  })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  modelVersion!: number;

  @ApiPropertyOptional({
    description:
      'Fraction of signed-in users, above 0 and at most 1. Give it on every variant (adding up ' +
      'to 1) or on none for an equal split',
    example: 0.5,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.000001)
  @Max(1)
  share?: number;
}

/** POST /v1/admin/experiments: start an A/B experiment. */
export class CreateExperimentDto {
  @ApiProperty({ description: 'What is being compared, for people', example: 'EASE vs item-kNN' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    type: [CreateExperimentVariantDto],
    minItems: 2,
    maxItems: MAX_VARIANTS,
    description: `2 to ${MAX_VARIANTS} variants; the first is the control the others are compared with`,
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_VARIANTS)
  @ValidateNested({ each: true })
  @Type(() => CreateExperimentVariantDto)
  variants!: CreateExperimentVariantDto[];
}
