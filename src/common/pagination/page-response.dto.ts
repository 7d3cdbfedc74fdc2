import { ApiProperty } from '@nestjs/swagger';

/** The paging fields of every `{ items, total, page, limit }` response; subclasses add `items`. */
export abstract class PageResponseDto {
  @ApiProperty({ description: 'Items over all pages', example: 1 })
  total!: number;

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 20 })
  limit!: number;
}
