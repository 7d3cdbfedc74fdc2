import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { APP_USER_ID, APP_USER_ID_RULE } from './app-user-id';

/** A path `externalId` as the app sent it (case matters); anything else is 400. */
@Injectable()
export class AppUserIdPipe implements PipeTransform<unknown, string> {
  transform(raw: unknown, metadata?: ArgumentMetadata): string {
    const value = String(raw);
    if (!APP_USER_ID.test(value)) {
      throw new BadRequestException(`${metadata?.data ?? 'externalId'} ${APP_USER_ID_RULE}`);
    }
    return value;
  }
}
