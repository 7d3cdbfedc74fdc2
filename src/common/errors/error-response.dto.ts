import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one error shape of every response (AllExceptionsFilter). */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    description:
      'What went wrong and what to do, always one string; a validation failure joins its ' +
      'messages with "; "',
    example: 'limit must not be greater than 100; page must not be less than 1',
  })
  message!: string;

  @ApiPropertyOptional({
    description: 'Validation failures only: one message per failed rule, each naming its field',
    type: [String],
    example: ['limit must not be greater than 100', 'page must not be less than 1'],
  })
  errors?: string[];
}
