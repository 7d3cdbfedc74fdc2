import { ApiProperty } from '@nestjs/swagger';

export class TokenResponseDto {
  @ApiProperty({ description: 'Short-lived JWT (HS256) for the Authorization header' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque, single use: exchange it at /v1/auth/refresh' })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;
}
