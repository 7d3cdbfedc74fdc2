import { Module } from '@nestjs/common';
import { AuthModule } from './auth.module';
import { SessionPurge } from './session-purge';

/** The nightly purge of ended sessions, for the server only (one-off jobs have no schedule). */
@Module({
  imports: [AuthModule],
  providers: [SessionPurge],
})
export class SessionPurgeModule {}
