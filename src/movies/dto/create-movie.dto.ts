import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { NotBlank } from '../../common/http/not-blank';

export class CreateMovieDto {
  @ApiProperty({ example: 'Toy Story', minLength: 1, maxLength: 500 })
  @IsString()
  @Length(1, 500)
  @NotBlank()
  title!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 10000,
    example: 'Toys come alive.',
  })
  @IsOptional()
  @IsString()
  @Length(0, 10000)
  overview?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1870,
    maximum: 2200,
    example: 1995,
  })
  @IsOptional()
  @IsInt()
  @Min(1870)
  @Max(2200)
  releaseYear?: number | null;

  @ApiPropertyOptional({
    type: [String],
    description: 'Genre names; unknown ones are created',
    example: ['Animation', 'Comedy'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  genres?: string[];
}

/** Any field of CreateMovieDto; `overview` and `releaseYear` may be set to null. */
export class UpdateMovieDto extends PartialType(CreateMovieDto) {}
