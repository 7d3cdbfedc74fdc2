import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** Provides the Clock to every module (the app and the `npm run train` job). */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class ClockModule {}
