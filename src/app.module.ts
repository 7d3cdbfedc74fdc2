import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AppsModule } from './apps/apps.module';
import { AuthModule } from './auth/auth.module';
import { SessionPurgeModule } from './auth/session-purge.module';
import { ClockModule } from './common/clock/clock.module';
import { HealthModule } from './common/health/health.module';
import { MetricsModule } from './common/metrics/metrics.module';
import { ThrottlingModule } from './common/throttling/throttling.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { DismissalsModule } from './dismissals/dismissals.module';
import { ExperimentsModule } from './experiments/experiments.module';
import { FirstStartModule } from './first-start/first-start.module';
import { HistoryModule } from './history/history.module';
import { MoviesModule } from './movies/movies.module';
import { OnboardingModule } from './onboarding/onboarding.module';
import { RatingsModule } from './ratings/ratings.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { TrainingScheduleModule } from './training/training-schedule.module';
import { TrainingModule } from './training/training.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** DATABASE_URL, or the embedded PostgreSQL's address. */
  databaseUrl: string;
}

/** Imports the modules; owns no providers of its own. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.config),
        DatabaseModule.forRoot(options.databaseUrl),
        ScheduleModule.forRoot(),
        ClockModule,
        HealthModule,
        MetricsModule,
        ThrottlingModule,
        AuthModule,
        SessionPurgeModule,
        ApiKeysModule,
        MoviesModule,
        OnboardingModule,
        RatingsModule,
        HistoryModule,
        DismissalsModule,
        TrainingModule,
        TrainingScheduleModule,
        RecommendationsModule,
        ExperimentsModule,
        AppsModule,
        DashboardModule,
        FirstStartModule,
      ],
    };
  }
}
