import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
} from 'class-validator';
import { API_KEY_SCOPES, ApiKeyScope } from '../api-key-scope';
import { NotBlank } from '../../common/http/not-blank';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'Who uses the key, for people', example: 'web-app backend' })
  @IsString()
  @Length(1, 100)
  @NotBlank()
  name!: string;

  @ApiProperty({
    enum: API_KEY_SCOPES,
    isArray: true,
    description: 'What the key may do: one or more scopes',
    example: ['recommendations:read', 'feedback:write'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, {
    each: true,
    message: `each value in scopes must be one of ${API_KEY_SCOPES.join(', ')}`,
  })
  scopes!: ApiKeyScope[];

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the key stops working (in the future); omit for a key that never expires',
    example: '2027-01-01T00:00:00.000Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}
