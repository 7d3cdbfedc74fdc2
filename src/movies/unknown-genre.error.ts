import { InvalidInputError } from '../common/errors/app-error';

/** A `genre` filter naming no genre of the catalog: 400 on every route that filters by genre. */
export class UnknownGenreError extends InvalidInputError {
  constructor(genre: string) {
    super(`Unknown genre "${genre}": GET /v1/genres lists them`);
  }
}
