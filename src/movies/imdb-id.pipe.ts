import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { normaliseImdbId } from './imdb-id';

/** A path IMDb id in its stored form (normaliseImdbId); anything else is 400. */
@Injectable()
export class ImdbIdPipe implements PipeTransform<unknown, string> {
  transform(raw: unknown, metadata?: ArgumentMetadata): string {
    const id = normaliseImdbId(String(raw));
    if (!id) {
      throw new BadRequestException(
        `${metadata?.data ?? 'imdbId'} must be an IMDb id such as tt0114709`,
      );
    }
    return id;
  }
}
