import { ApiProperty } from '@nestjs/swagger';

/** The one error shape of every response (AllExceptionsFilter). */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    description: 'What went wrong; validation failures list one message per offending field',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['limit must not be greater than 100'],
  })
  message!: string | string[];
}
