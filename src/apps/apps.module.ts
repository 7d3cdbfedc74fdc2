import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { DismissalsModule } from '../dismissals/dismissals.module';
import { HistoryModule } from '../history/history.module';
import { MoviesModule } from '../movies/movies.module';
import { RatingsModule } from '../ratings/ratings.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { AppFeedbackController } from './app-feedback.controller';
import { AppFeedbackService } from './app-feedback.service';
import { AppUsersController } from './app-users.controller';
import { AppUsersRepository } from './app-users.repository';
import { AppUsersService } from './app-users.service';

/**
 * Other apps' backends, with a service key: their users by the apps' own ids, served by the
 * same services as accounts, and their feedback in batches.
 */
@Module({
  imports: [
    ApiKeysModule,
    MoviesModule,
    RatingsModule,
    HistoryModule,
    DismissalsModule,
    RecommendationsModule,
  ],
  controllers: [AppUsersController, AppFeedbackController],
  providers: [AppUsersRepository, AppUsersService, AppFeedbackService],
})
export class AppsModule {}
