import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** Path ids are positive integers (below 2^31, the column type); anything else is 400. */
@Injectable()
export class PositiveIntPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9][0-9]{0,9}$/.test(value) || Number(value) > 2147483647) {
      throw new BadRequestException(`Id must be a positive integer, got "${value.slice(0, 20)}"`);
    }
    return Number(value);
  }
}
