import { RefreshToken } from '../auth/refresh-token.entity';
import { User } from '../auth/user.entity';
import { Dismissal } from '../dismissals/dismissal.entity';
import { WatchEvent } from '../history/watch-event.entity';
import { Genre } from '../movies/genre.entity';
import { Movie } from '../movies/movie.entity';
import { Tag } from '../movies/tag.entity';
import { Rating } from '../ratings/rating.entity';
import { ModelVersion } from '../training/model-store/model-version.entity';

/** Every entity, listed once for the app, the CLI and the tests' data source. */
export const ENTITIES = [
  User,
  RefreshToken,
  Movie,
  Genre,
  Tag,
  Rating,
  WatchEvent,
  Dismissal,
  ModelVersion,
];
