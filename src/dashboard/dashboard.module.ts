import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ImpressionsModule } from '../impressions/impressions.module';
import { MoviesModule } from '../movies/movies.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { TrainingModule } from '../training/training.module';
import { DashboardDataController } from './dashboard-data.controller';
import { DashboardService } from './dashboard.service';

/** The admin data routes of the dashboard. */
@Module({
  imports: [AuthModule, ImpressionsModule, MoviesModule, RecommendationsModule, TrainingModule],
  controllers: [DashboardDataController],
  providers: [DashboardService],
})
export class DashboardModule {}
