import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AttributedFeedbackDto } from '../../common/http/attributed-feedback.dto';

import { RATING_VALUES } from '../rating-scale';

export { RATING_VALUES };

export class UpsertRatingDto extends AttributedFeedbackDto {
  @ApiProperty({ enum: RATING_VALUES, example: 4.5, description: '0.5 to 5.0 in steps of 0.5' })
  @IsIn(RATING_VALUES, { message: 'rating must be 0.5 to 5.0 in steps of 0.5' })
  rating!: number;
}
