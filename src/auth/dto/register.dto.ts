import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-length';
import { NotBlank } from '../../common/http/not-blank';

/**
 * The domain of the accounts the MovieLens import and the demo catalog create
 * (`movielens-<id>@users.invalid`, `demo-viewer-<n>@users.invalid`). Registering in it is
 * refused before any look-up, so the answer never says which of them exist.
 */
const NOT_IMPORTED_USERS_DOMAIN = /^(?!.*@users\.invalid$)/i;

export class RegisterDto {
  @ApiProperty({
    example: 'ada@example.com',
    description:
      'Unique, case-insensitively; the @users.invalid domain is reserved for imported users',
  })
  @IsEmail()
  @MaxLength(254)
  @Matches(NOT_IMPORTED_USERS_DOMAIN, {
    message:
      'email: addresses @users.invalid are reserved for imported users; use your own address',
  })
  email!: string;

  @ApiProperty({
    description: '8 to 128 characters, not common, breached or built from the email or name',
    example: 'correct horse battery staple',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiPropertyOptional({ example: 'Ada', minLength: 1, maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @NotBlank()
  displayName?: string;
}
