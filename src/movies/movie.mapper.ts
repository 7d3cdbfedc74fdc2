import { MovieResponseDto } from './dto/movie-response.dto';
import { Movie } from './movie.entity';

/** The public fields of a movie (the contract's `Movie`); load `genres` before calling. */
export function toMovieResponse(movie: Movie): MovieResponseDto {
  return {
    id: movie.id,
    title: movie.title,
    overview: movie.overview,
    releaseYear: movie.releaseYear,
    genres: (movie.genres ?? []).map((genre) => genre.name).sort(),
    popularity: movie.popularity,
    ratingCount: movie.ratingCount,
    ratingMean: movie.ratingMean,
    imdbId: movie.imdbId,
    tmdbId: movie.tmdbId,
  };
}
