import { ApiProperty } from '@nestjs/swagger';

export class RetrainResponseDto {
  @ApiProperty({ enum: ['started'] })
  status!: 'started';

  @ApiProperty({ description: 'The version this training will store', example: 4 })
  version!: number;

  @ApiProperty({ description: 'Whether the quality gate is overridden' })
  force!: boolean;

  @ApiProperty({ description: 'Whether the version is stored beside the serving one' })
  beside!: boolean;
}
