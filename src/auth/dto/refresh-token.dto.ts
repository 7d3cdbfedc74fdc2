import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** Body of POST /v1/auth/refresh and POST /v1/auth/logout. */
export class RefreshTokenDto {
  @ApiProperty({
    description: 'The refreshToken from login or the last refresh',
    example: 'kq2h0bS6Zr0Jc3tE2v9x1yQ4mN7pL8wA5dF6gH3jK0s',
  })
  @IsString()
  @MaxLength(256)
  refreshToken!: string;
}
