import { Module } from '@nestjs/common';
import { GracefulShutdown } from './graceful-shutdown';

/** The app's own shutdown steps (see GracefulShutdown); main.ts drains HTTP before them. */
@Module({ providers: [GracefulShutdown] })
export class LifecycleModule {}
