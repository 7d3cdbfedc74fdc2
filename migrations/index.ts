import { CreateUsersAndRefreshTokens1795574400001 } from './1795574400001-create-users-and-refresh-tokens';
import { CreateCatalog1795574400002 } from './1795574400002-create-catalog';
import { CreateRatingsAndWatchHistory1795574400003 } from './1795574400003-create-ratings-and-watch-history';
import { CreateModelStore1795574400004 } from './1795574400004-create-model-store';
import { CreateLoginThrottle1795574400101 } from './1795574400101-create-login-throttle';
import { MaintainMovieRatingAggregates1795574400102 } from './1795574400102-maintain-movie-rating-aggregates';
import { CreateDatasetLoads1795574400201 } from './1795574400201-create-dataset-loads';
import { ArtifactChecksumFromTrailer1795574400301 } from './1795574400301-artifact-checksum-from-trailer';
import { CreateSessions1795574400401 } from './1795574400401-create-sessions';
import { TitleIndexWithoutPendingList1795574400410 } from './1795574400410-title-index-without-pending-list';
import { LoginThrottleGrowingWindows1795574400601 } from './1795574400601-login-throttle-growing-windows';
import { CreateTrustedLoginAddresses1795574400602 } from './1795574400602-create-trusted-login-addresses';
import { CreateDismissals1795574401501 } from './1795574401501-create-dismissals';
import { CreateApiKeys1795574401601 } from './1795574401601-create-api-keys';
import { IndexMovieExternalIds1795574401602 } from './1795574401602-index-movie-external-ids';
import { AddAppUserIds1795574401603 } from './1795574401603-add-app-user-ids';
import { OneWatchPerInstant1795574401604 } from './1795574401604-one-watch-per-instant';
import { NotifyCatalogChanges1795574401701 } from './1795574401701-notify-catalog-changes';
import { CreateImpressions1795574401702 } from './1795574401702-create-impressions';
import { ChunkModelArtifacts1795574401801 } from './1795574401801-chunk-model-artifacts';
import { ModelServingOrder1795574401802 } from './1795574401802-model-serving-order';
import { DatasetLoadChecksums1795574401901 } from './1795574401901-dataset-load-checksums';
import { SetBasedRatingAggregates1795574401902 } from './1795574401902-set-based-rating-aggregates';
import { CreateExperiments1795574402001 } from './1795574402001-create-experiments';
import { UniqueMovieTmdbIds1795574402101 } from './1795574402101-unique-movie-tmdb-ids';

/** Every migration in order. Listed explicitly so the compiled app needs no file globbing. */
export const MIGRATIONS = [
  CreateUsersAndRefreshTokens1795574400001,
  CreateCatalog1795574400002,
  CreateRatingsAndWatchHistory1795574400003,
  CreateModelStore1795574400004,
  CreateLoginThrottle1795574400101,
  MaintainMovieRatingAggregates1795574400102,
  CreateDatasetLoads1795574400201,
  ArtifactChecksumFromTrailer1795574400301,
  CreateSessions1795574400401,
  TitleIndexWithoutPendingList1795574400410,
  LoginThrottleGrowingWindows1795574400601,
  CreateTrustedLoginAddresses1795574400602,
  CreateDismissals1795574401501,
  CreateApiKeys1795574401601,
  IndexMovieExternalIds1795574401602,
  AddAppUserIds1795574401603,
  OneWatchPerInstant1795574401604,
  NotifyCatalogChanges1795574401701,
  CreateImpressions1795574401702,
  ChunkModelArtifacts1795574401801,
  ModelServingOrder1795574401802,
  DatasetLoadChecksums1795574401901,
  SetBasedRatingAggregates1795574401902,
  CreateExperiments1795574402001,
  UniqueMovieTmdbIds1795574402101,
];
