import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../password-length';

/**
 * Body of DELETE /v1/users/me. `password` is required (and documented so), but optional to the
 * validator: a request without it gets the 403 that says what is missing, as a wrong one does.
 */
export class DeleteAccountDto {
  @ApiProperty({
    description:
      "The account's current password: deleting needs it besides the access token (403 when " +
      'missing or wrong)',
    example: 'correct horse battery staple',
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}
