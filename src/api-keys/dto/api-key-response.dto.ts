import { ApiProperty } from '@nestjs/swagger';
import { PageResponseDto } from '../../common/pagination/page-response.dto';
import { API_KEY_SCOPES, ApiKeyScope } from '../api-key-scope';

export class ApiKeyResponseDto {
  @ApiProperty({ example: 3 })
  id!: number;

  @ApiProperty({ example: 'web-app backend' })
  name!: string;

  @ApiProperty({
    description: 'The first characters of the key, to tell keys apart',
    example: 'mrk_x7Qe2bLk',
  })
  prefix!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['recommendations:read'] })
  scopes!: ApiKeyScope[];

  @ApiProperty({ format: 'date-time', example: '2026-01-31T12:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  expiresAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The last request made with the key, to within a minute',
    example: '2026-02-01T08:30:00.000Z',
  })
  lastUsedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  revokedAt!: string | null;
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({
    description: 'The key, for the X-API-Key header. Shown this once: only its hash is kept',
    example: 'mrk_x7Qe2bLkV0m8yZt3N4cQ1rWfH6uJ9aPdS5gE2iKoL0v',
  })
  key!: string;
}

export class ApiKeyPageResponseDto extends PageResponseDto {
  @ApiProperty({ type: [ApiKeyResponseDto], description: 'Newest first' })
  items!: ApiKeyResponseDto[];
}
