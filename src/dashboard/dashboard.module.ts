import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ImpressionsModule } from '../impressions/impressions.module';
import { MoviesModule } from '../movies/movies.module';
import { RecommendationsModule } from '../recommendations/recommendations.module';
import { TrainingModule } from '../training/training.module';
import { DashboardDataController } from './dashboard-data.controller';
import { DashboardPageController } from './dashboard-page.controller';
import { DashboardService } from './dashboard.service';

/** GET /dashboard, the admin page with charts, and the admin data routes it reads. */
@Module({
  imports: [AuthModule, ImpressionsModule, MoviesModule, RecommendationsModule, TrainingModule],
  controllers: [DashboardPageController, DashboardDataController],
  providers: [DashboardService],
})
export class DashboardModule {}
