import { Module } from '@nestjs/common';
import { MoviesModule } from '../movies/movies.module';
import { OnboardingController } from './onboarding.controller';
import { OnboardingService } from './onboarding.service';

/** The first minute of a new user: a short, diverse list of well-known movies to pick from. */
@Module({
  imports: [MoviesModule],
  controllers: [OnboardingController],
  providers: [OnboardingService],
})
export class OnboardingModule {}
