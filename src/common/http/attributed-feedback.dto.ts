import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** Feedback that may name the recommendation list it was given from. */
export class AttributedFeedbackDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The `recommendationId` of the list this movie was picked from, which attributes the ' +
      'feedback to it (online metrics)',
  })
  @IsOptional()
  @IsUUID()
  recommendationId?: string;
}
