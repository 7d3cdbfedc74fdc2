import { ConflictError } from '../common/errors/app-error';

/** A write giving a movie the TMDB id another movie holds (movies_tmdb_id_key): 409. */
export class TmdbIdTakenError extends ConflictError {
  constructor(
    readonly tmdbId: number,
    /** The movie holding it, when known. */
    holder?: { id: number; title: string },
  ) {
    super(
      `TMDB id ${tmdbId} belongs to ${holder ? `movie ${holder.id} ("${holder.title}")` : 'another movie'}: clear it there first`,
    );
  }
}
