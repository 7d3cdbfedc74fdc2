import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AttributedFeedbackDto } from '../../common/http/attributed-feedback.dto';

/** MovieLens' scale: 0.5 to 5.0 in steps of 0.5. */
export const RATING_VALUES = Array.from({ length: 10 }, (_, i) => (i + 1) / 2);

export class UpsertRatingDto extends AttributedFeedbackDto {
  @ApiProperty({ enum: RATING_VALUES, example: 4.5, description: '0.5 to 5.0 in steps of 0.5' })
  @IsIn(RATING_VALUES, { message: 'rating must be 0.5 to 5.0 in steps of 0.5' })
  rating!: number;
}
