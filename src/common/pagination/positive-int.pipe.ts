import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/**
 * Path ids are positive integers (below 2^31, the column type); anything else is 400. The global
 * ValidationPipe (transform) runs first and may already have made a number (NaN for "abc") of a
 * parameter typed `number`, so both forms are accepted.
 */
@Injectable()
export class PositiveIntPipe implements PipeTransform<unknown, number> {
  transform(raw: unknown): number {
    const value = String(raw);
    if (!/^[1-9][0-9]{0,9}$/.test(value) || Number(value) > 2147483647) {
      throw new BadRequestException(`Id must be a positive integer, got "${value.slice(0, 20)}"`);
    }
    return Number(value);
  }
}
