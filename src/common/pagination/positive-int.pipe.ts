import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

/** Characters of a rejected value quoted back in the message. */
const QUOTED_MAX = 20;

/**
 * Path ids are positive integers written in plain decimal, below 2^31 (the column type);
 * anything else (`abc`, `0`, `1e3`, `0x10`, `1.0`) is 400 naming the parameter and the value
 * as sent. RequestValidationPipe leaves path parameters as strings, so the value seen here is
 * the one in the URL.
 */
@Injectable()
export class PositiveIntPipe implements PipeTransform<unknown, number> {
  transform(raw: unknown, metadata?: ArgumentMetadata): number {
    const value = String(raw);
    if (!/^[1-9][0-9]{0,9}$/.test(value) || Number(value) > 2147483647) {
      const name = metadata?.data ?? 'id';
      const shown = value.length > QUOTED_MAX ? `${value.slice(0, QUOTED_MAX)}...` : value;
      throw new BadRequestException(`${name} must be a positive integer, got "${shown}"`);
    }
    return Number(value);
  }
}
